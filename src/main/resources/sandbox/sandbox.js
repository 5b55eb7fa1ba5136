// The sandbox page: polls /api/state, draws one chat pane per selected person, and posts
// what they do to /api/action. All text comes from the server (the bot's messages, and the
// page's own words from the message bundles through /api/text); nothing here is translated.
"use strict";

const page = {
  lang: new URLSearchParams(location.search).get("lang") || localStorage.getItem("tinnhiem.lang") || "vi",
  text: {},
  state: null,
  version: -1,
  open: null,          // Set of person keys whose pane is shown; null until the first state
  panes: new Map(),    // key -> pane element
  resultsShownFor: null,
};

function t(key, ...args) {
  const pattern = page.text[key] || key;
  return pattern.replace(/\{(\d+)\}/g, (_, i) => (args[i] === undefined ? "" : String(args[i])));
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 409) throw new Error(data.error || res.statusText);
  return { status: res.status, data };
}

function toast(message, anchor) {
  if (!message) return;
  const box = anchor ? anchor.querySelector(".pane-toasts") : document.getElementById("toasts");
  const item = el("div", { class: "toast", text: message });
  box.append(item);
  setTimeout(() => item.remove(), 4000);
}

async function loadText() {
  page.text = (await api("/api/text?lang=" + page.lang)).data;
  document.documentElement.lang = page.lang;
  document.querySelectorAll("[data-text]").forEach((e) => { e.textContent = t(e.dataset.text); });
  document.getElementById("simulate").title = t("sandbox.simulate.hint");
  document.querySelectorAll(".lang button").forEach((b) => b.classList.toggle("on", b.dataset.lang === page.lang));
}

async function refresh(force) {
  const since = force ? -1 : page.version;
  const { data } = await api(`/api/state?lang=${page.lang}&since=${since}`);
  if (!data.people) return;
  page.version = data.version;
  page.state = data;
  if (page.open === null) page.open = new Set(defaultOpen(data.people));
  draw();
}

/** Staff and the first participants: what a rehearsal usually looks at first. */
function defaultOpen(people) {
  const staff = people.filter((p) => !p.roles.includes("participant") || p.roles.length > 1);
  const voters = people.filter((p) => p.roles.length === 1 && p.roles[0] === "participant");
  return [...staff, ...voters.slice(0, Math.max(2, 6 - staff.length))].map((p) => p.key);
}

function draw() {
  const s = page.state;
  document.getElementById("vote-title").textContent = s.vote.title + (s.vote.unit ? " · " + s.vote.unit : "");
  const badge = document.getElementById("vote-state");
  badge.textContent = s.vote.stateLabel;
  badge.className = "badge state-" + s.vote.state;
  document.getElementById("vote-counts").textContent = t("sandbox.counts", s.vote.summoned, s.vote.checkedIn, s.vote.voted);
  document.getElementById("simulate").disabled = s.vote.state === "closed";
  drawPeople(s.people);
  drawPanes(s.people);
  drawResults(s.vote.state);
}

function initials(name) {
  const words = name.trim().split(/\s+/);
  return (words.length > 1 ? words[words.length - 2][0] + words[words.length - 1][0] : words[0].slice(0, 2)).toUpperCase();
}

function status(p) {
  if (!p.roles.includes("participant")) return null;
  if (p.voted) return ["voted", t("sandbox.status.voted")];
  if (p.checkedIn) return ["checkedin", t("sandbox.status.checkedin")];
  return ["absent", t("sandbox.status.absent")];
}

function drawPeople(people) {
  const list = document.getElementById("people");
  list.replaceChildren(...people.map((p) => {
    const st = status(p);
    return el("li", {
      class: "person" + (page.open.has(p.key) ? " open" : ""), "data-key": p.key,
      onclick: () => { page.open.has(p.key) ? page.open.delete(p.key) : page.open.add(p.key); draw(); },
    },
      el("span", { class: "avatar role-" + p.roles[0], text: initials(p.name) }),
      el("span", { class: "who" },
        el("span", { class: "name", text: p.name }),
        el("span", { class: "small muted", text: p.roleLabel + (st ? " · " + st[1] : "") })),
      st ? el("span", { class: "dot " + st[0], title: st[1] }) : null);
  }));
}

function drawPanes(people) {
  const box = document.getElementById("panes");
  const shown = people.filter((p) => page.open.has(p.key));
  document.getElementById("nochats").hidden = shown.length > 0;
  for (const [key, pane] of page.panes) {
    if (!page.open.has(key)) { pane.remove(); page.panes.delete(key); }
  }
  shown.forEach((p, i) => {
    let pane = page.panes.get(p.key);
    if (!pane) { pane = makePane(p); page.panes.set(p.key, pane); }
    // Roster order. Move a pane only when it is out of place: moving resets its scrolling.
    if (box.children[i] !== pane) box.insertBefore(pane, box.children[i] || null);
    fillPane(pane, p);
  });
}

function makePane(p) {
  const input = el("input", { type: "text", class: "composer-input", autocomplete: "off" });
  const form = el("form", { class: "composer", onsubmit: (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (text) { input.value = ""; act(p.key, { type: "say", text }); }
  } }, input, el("button", { type: "submit", class: "send" }));
  return el("section", { class: "pane", "data-key": p.key },
    el("header", { class: "pane-head" }),
    el("div", { class: "invite" }),
    el("div", { class: "messages" }),
    el("div", { class: "pane-toasts" }),
    el("div", { class: "reply-keyboard" }),
    el("div", { class: "menu" }),
    form);
}

function fillPane(pane, p) {
  const st = status(p);
  const head = [
    el("span", { class: "avatar role-" + p.roles[0], text: initials(p.name) }),
    el("div", { class: "who" },
      el("div", { class: "name", text: p.name }),
      el("div", { class: "small muted", text: p.roleLabel + " · " + p.contact, title: p.roleLabel + " · " + p.contact }))];
  if (st) head.push(el("span", { class: "pill " + st[0], text: st[1] }));
  pane.querySelector(".pane-head").replaceChildren(...head);

  const invite = pane.querySelector(".invite");
  invite.hidden = !p.inviteCode;
  invite.replaceChildren(...(p.inviteCode ? [
    el("span", { text: t("sandbox.invite", p.inviteCode) }),
    el("button", { type: "button", class: "link", text: t("sandbox.invite.use"),
      onclick: () => act(p.key, { type: "say", text: "/start " + p.inviteCode }) })] : []));

  const box = pane.querySelector(".messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  // The whole text and every button's data: an edit can keep the text's length and the number
  // of buttons (leader 2 of 100 becomes leader 3, "…Thảo 2" becomes "…Thảo 3").
  const signature = JSON.stringify(p.messages.map((m) => [m.id, m.edited, m.text, m.buttons]));
  if (box.dataset.signature !== signature) {
    box.dataset.signature = signature;
    box.replaceChildren(...(p.messages.length ? p.messages.map((m) => message(p, m))
      : [el("div", { class: "empty muted", text: t("sandbox.empty") })]));
    if (atBottom || !box.dataset.seen) {
      box.scrollTop = box.scrollHeight;
      requestAnimationFrame(() => { box.scrollTop = box.scrollHeight; }); // after fonts and layout settle
    }
    box.dataset.seen = "1";
  } else if (box.dataset.lang !== page.lang) {
    box.querySelectorAll(".edited").forEach((e) => { e.textContent = t("sandbox.edited"); });
  }
  box.dataset.lang = page.lang;

  pane.querySelector(".reply-keyboard").replaceChildren(...(p.contactRequest ? [
    el("button", { type: "button", class: "share-contact", text: p.contactRequest,
      onclick: () => act(p.key, { type: "contact" }) })] : []));

  pane.querySelector(".menu").replaceChildren(...p.menu.map((c) => el("button", {
    type: "button", class: "cmd", "data-command": c.command, title: c.description, text: "/" + c.command,
    onclick: () => act(p.key, { type: "say", text: "/" + c.command }),
  })));
  pane.querySelector(".composer-input").placeholder = t("sandbox.composer.placeholder");
  pane.querySelector(".send").textContent = t("sandbox.composer.send");
}

function message(p, m) {
  const rows = m.buttons.map((row) => el("div", { class: "ikb-row" }, ...row.map((b) => el("button", {
    type: "button", class: "ikb", "data-data": b.data, text: b.label,
    onclick: () => act(p.key, { type: "press", messageId: m.id, data: b.data }),
  }))));
  return el("div", { class: "msg " + (m.fromBot ? "bot" : "me"), "data-id": m.id },
    el("div", { class: "bubble" },
      m.image ? el("img", { class: "photo", src: m.image, alt: m.text }) : null,
      el("div", { class: "text", text: m.text }),
      m.edited ? el("span", { class: "edited", text: t("sandbox.edited") }) : null),
    rows.length ? el("div", { class: "ikb-rows" }, ...rows) : null);
}

// While an action is on its way the body carries data-busy="1" (tests wait for it to go).
let pending = 0;
function busy(delta) {
  pending += delta;
  if (pending > 0) document.body.dataset.busy = "1"; else delete document.body.dataset.busy;
}

async function act(key, action) {
  busy(1);
  try {
    const { data } = await api("/api/action", { person: key, lang: page.lang, ...action });
    const pane = page.panes.get(key);
    (data.toasts || []).forEach((x) => toast(x, pane));
    await refresh();
  } catch (e) {
    toast(t("sandbox.error", e.message));
  } finally {
    busy(-1);
  }
}

async function drawResults(state) {
  const section = document.getElementById("results");
  if (state !== "closed") { section.hidden = true; page.resultsShownFor = null; return; }
  if (page.resultsShownFor === page.lang) return;
  page.resultsShownFor = page.lang;
  const { status, data: r } = await api("/api/results?lang=" + page.lang);
  if (status !== 200) { page.resultsShownFor = null; return; }
  const head = el("tr", {},
    el("th", { text: "#" }), el("th", { text: t("sandbox.results.leader") }),
    el("th", { class: "num", text: t("choice.high") }), el("th", { class: "num", text: t("choice.medium") }),
    el("th", { class: "num", text: t("choice.low") }), el("th", { class: "num", text: t("sandbox.results.valid") }),
    el("th", { class: "num", text: t("sandbox.results.invalid") }), el("th", { text: t("sandbox.results.verdict") }));
  const cell = (row, choice) => el("td", { class: "num", "data-leader": row.index, "data-choice": choice },
    el("span", { class: "count", text: row[choice].count }), " ",
    el("span", { class: "pct", text: row[choice].percent }));
  const rows = r.leaders.map((row) => el("tr", { "data-leader": row.index },
    el("td", { text: row.index }),
    el("td", {}, el("div", { class: "name", text: row.name }), el("div", { class: "small muted", text: row.position })),
    cell(row, "high"), cell(row, "medium"), cell(row, "low"),
    el("td", { class: "num", text: row.valid }), el("td", { class: "num", text: row.invalid }),
    el("td", { class: "verdict verdict-" + row.verdict, text: row.verdictText })));
  section.replaceChildren(
    el("h2", { text: "📊 " + t("sandbox.results.title") + " · " + r.title }),
    el("p", { class: "muted", text: r.unit + " · " + r.rulebook }),
    el("p", { class: "summary", id: "results-summary", text: t("sandbox.results.summary", r.summoned, r.issued, r.returned) }),
    el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows)),
    el("p", { class: "small muted", text: t("sandbox.results.basis", r.denominator, r.rulebook) }),
    el("details", {}, el("summary", { text: t("sandbox.results.receipts", r.receipts.length) }),
      el("p", { class: "receipts", text: r.receipts.join("  ") })),
    el("p", { class: "exports", id: "results-exports" }, t("sandbox.export.title") + ": ",
      ...["pdf", "docx", "png", "xlsx", "csv", "json"].map((f) => el("a", {
        href: "/api/export/" + f + "?lang=" + page.lang, download: "", "data-format": f,
        text: t("sandbox.export." + f) }))));
  section.hidden = false;
}

async function setLang(lang) {
  page.lang = lang;
  localStorage.setItem("tinnhiem.lang", lang);
  await loadText();
  page.resultsShownFor = null;
  await refresh(true);
}

document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
document.getElementById("show-all").addEventListener("click", () => { page.state.people.forEach((p) => page.open.add(p.key)); draw(); });
document.getElementById("show-none").addEventListener("click", () => { page.open.clear(); draw(); });
document.getElementById("simulate").addEventListener("click", async (e) => {
  e.target.disabled = true;
  try {
    const { data } = await api("/api/simulate", { lang: page.lang });
    toast(data.message);
    await refresh();
  } catch (err) {
    toast(t("sandbox.error", err.message));
  } finally {
    e.target.disabled = page.state && page.state.vote.state === "closed";
  }
});

(async () => {
  await loadText();
  await refresh(true);
  setInterval(() => refresh().catch(() => {}), 700);
})();
