// The simulator page: a tiny Slack client. It polls /simulator/state and posts what you do to /simulator/act/*,
// where the server signs it as Slack would and sends it to PeerBot's real Slack endpoints.
"use strict";
const $ = (id) => document.getElementById(id);
const state = { me: "", view: "", seq: 0, items: [], teachers: [], conversations: [], modals: [], homes: {}, bot: "", lounge: "", dismissed: "", openKey: "" };

async function post(path, body) {
  const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(await r.text() || r.statusText);
  const text = await r.text();
  return text ? JSON.parse(text) : {};
}

function esc(s) { return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]); }

// Slack mrkdwn, the parts PeerBot uses: *bold*, _italic_, `code`, ~strike~, <url|label>, line breaks.
function mrkdwn(s) {
  let h = esc(s);
  h = h.replace(/`([^`\n]+)`/g, "<code>$1</code>");
  h = h.replace(/&lt;(https?:\/\/[^|&]+?)\|([^&]+?)&gt;/g, '<a href="$1" target="_blank" rel="noopener">$2</a>');
  h = h.replace(/&lt;(https?:\/\/[^&]+?)&gt;/g, '<a href="$1" target="_blank" rel="noopener">$1</a>');
  h = h.replace(/&lt;(\/simulator\/files\/[A-Za-z0-9]+)\|([^&]+?)&gt;/g, '<a href="$1" download>$2</a>');
  h = h.replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<strong>$2</strong>");
  h = h.replace(/(^|[\s(])_([^_\n]+)_/g, "$1<em>$2</em>");
  h = h.replace(/(^|\s)~([^~\n]+)~/g, "$1<s>$2</s>");
  return h.replace(/\n/g, "<br>");
}

function textOf(t) { return t ? (t.type === "plain_text" ? esc(t.text) : mrkdwn(t.text)) : ""; }
function name(id) { return id === state.bot ? "PeerBot" : (state.teachers.find((t) => t.id === id)?.name ?? id); }

function blocksHtml(blocks, where) {
  return (blocks ?? []).map((b, i) => {
    switch (b.type) {
      case "section": {
        let h = b.text ? `<div class="block">${textOf(b.text)}</div>` : "";
        if (b.fields) h += `<div class="block fields">${b.fields.map((f) => `<div>${textOf(f)}</div>`).join("")}</div>`;
        return h;
      }
      case "header": return `<h3 class="block">${textOf(b.text)}</h3>`;
      case "context": return `<div class="block context">${(b.elements ?? []).map((e) => e.type === "image" ? "" : textOf(e)).join(" ")}</div>`;
      case "divider": return "<hr>";
      case "image": return `<img class="block" src="${esc(b.image_url)}" alt="${esc(b.alt_text)}">`;
      case "actions": return `<div class="block actions">${(b.elements ?? []).filter((e) => e.type === "button").map((e) =>
        `<button type="button" class="${e.style ?? ""}" aria-label="${esc(e.accessibility_label ?? e.text?.text)}" title="${esc(e.accessibility_label ?? "")}" data-action="${esc(e.action_id)}" data-value="${esc(e.value ?? "")}" data-block="${esc(b.block_id ?? "b" + i)}" ${where}>${esc(e.text?.text)}</button>`).join("")}</div>`;
      default: return "";
    }
  }).join("");
}

function itemHtml(it) {
  const tag = it.kind === "ephemeral" ? '<span class="tag">Only visible to you</span>' : it.kind === "note" ? '<span class="tag">Simulator note</span>' : "";
  if (it.kind === "typed") return `<div class="msg typed">${esc(it.text)}</div>`;
  const body = it.blocks && it.blocks.length ? blocksHtml(it.blocks, `data-channel="${esc(it.channel)}" data-ts="${esc(it.ts)}"`) : `<div>${mrkdwn(it.text)}</div>`;
  return `<div class="msg ${it.kind}"><span class="who">${esc(name(it.from))}</span>${tag}${body}</div>`;
}

function visible(it) { return it.channel === current() && (!it.visibleTo || it.visibleTo === state.me); }
function current() { return state.view === "dm" ? "D" + state.me : state.view === "home" ? "" : state.view; }

function titleOf(view) {
  if (view === "home") return "PeerBot — Home";
  if (view === "dm") return "PeerBot (direct message)";
  const c = state.conversations.find((x) => x.id === view);
  return c ? (c.kind === "mpim" ? "Group DM: " + c.name : c.name) : view;
}

function render() {
  const who = $("who");
  if (who.options.length !== state.teachers.length) {
    who.innerHTML = state.teachers.map((t) => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join("");
  }
  who.value = state.me;
  const mine = state.conversations.filter((c) => c.kind === "mpim" && c.members.includes(state.me));
  const others = state.conversations.filter((c) => c.kind === "mpim" && !c.members.includes(state.me));
  const entry = (view, label, extra = "") => `<li><button type="button" data-view="${esc(view)}" ${extra} aria-current="${state.view === view}">${esc(label)}</button></li>`;
  $("channels").innerHTML = entry(state.lounge, "#teachers-lounge") + entry("dm", "PeerBot") + entry("home", "PeerBot — App Home");
  $("groups").innerHTML = mine.map((c) => entry(c.id, c.name)).join("") || '<li class="hint">None yet</li>';
  $("others").innerHTML = others.map((c) => entry(c.id, c.name, `data-as="${esc(c.members[0])}"`)).join("") || '<li class="hint">None yet</li>';
  $("title").textContent = titleOf(state.view);
  $("say-label").textContent = state.view === "dm" ? "Message PeerBot (no slash needed)" : "Message " + titleOf(state.view);
  const home = state.view === "home";
  $("home").hidden = !home;
  $("messages").hidden = home;
  if (home) {
    const view = state.homes[state.me];
    $("home").innerHTML = view ? blocksHtml(view.blocks, "") : '<p class="hint">Opening the Home tab…</p>';
  } else {
    const box = $("messages");
    const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.innerHTML = state.items.filter(visible).map(itemHtml).join("") || '<p class="hint">Nothing here yet.</p>';
    if (atEnd) box.scrollTop = box.scrollHeight;
  }
  renderModal();
}

function renderTime(buttons) {
  const box = $("time");
  if (box.dataset.drawn === JSON.stringify(buttons)) return;
  box.dataset.drawn = JSON.stringify(buttons);
  box.innerHTML = buttons.map((b) => `<button type="button" data-run="${esc(b.id)}">${esc(b.label)}</button><p class="explains">${esc(b.explains)}</p>`).join("");
}

function addCalls(calls) {
  const list = $("calls");
  for (const c of calls) {
    const li = document.createElement("li");
    li.className = c.ok ? "" : "failed";
    li.textContent = `${c.method} ${c.ok ? "ok" : "failed"} — ${c.summary}`;
    list.prepend(li);
  }
  while (list.children.length > 150) list.lastChild.remove();
}

async function poll() {
  try {
    const r = await fetch(`/simulator/state?after=${state.seq}`);
    const data = await r.json();
    const s = data.snapshot;
    Object.assign(state, { teachers: s.teachers, conversations: s.conversations, modals: s.modals, homes: s.homes, bot: data.bot, lounge: data.lounge });
    if (!state.me) state.me = s.teachers[0]?.id ?? "";
    if (!state.view) state.view = data.lounge;
    state.items.push(...s.items);
    addCalls(s.calls);
    state.seq = s.seq;
    renderTime(data.time);
    render();
  } catch (e) {
    $("time-status").textContent = "Lost touch with PeerBot: " + e.message;
  }
  setTimeout(poll, 400);
}

// Modals: one per person at a time, rendered from the Block Kit view PeerBot sent with views.open.
function renderModal() {
  const dialog = $("modal");
  const modal = state.modals.find((m) => m.userId === state.me);
  const key = modal ? modal.viewId + ":" + JSON.stringify(modal.view).length : "";
  if (!modal || key === state.dismissed) { if (dialog.open) dialog.close(); state.openKey = ""; return; }
  if (dialog.open && state.openKey === key) return;
  state.openKey = key;
  const v = modal.view;
  $("modal-title").textContent = v.title?.text ?? "Form";
  $("modal-submit").textContent = v.submit?.text ?? "Submit";
  $("modal-submit").hidden = !v.submit;
  $("modal-cancel").textContent = v.close?.text ?? "Cancel";
  $("modal-error").textContent = "";
  $("modal-body").innerHTML = (v.blocks ?? []).map((b) => inputHtml(b, modal.viewId)).join("");
  if (!dialog.open) dialog.showModal();
}

function inputHtml(b, viewId) {
  if (b.type !== "input") return blocksHtml([b], `data-modal="${esc(viewId)}"`);
  const id = "f-" + b.block_id, e = b.element ?? {}, err = `<p class="error" id="err-${esc(b.block_id)}"></p>`;
  const hint = b.hint ? `<p class="hint" id="hint-${esc(b.block_id)}">${esc(b.hint.text)}</p>` : "";
  const described = `aria-describedby="err-${esc(b.block_id)}${b.hint ? " hint-" + esc(b.block_id) : ""}"`;
  const label = esc(b.label?.text) + (b.optional ? ' <span class="tag">(optional)</span>' : "");
  const opts = e.options ?? [];
  if (e.type === "multi_static_select") {
    const chosen = new Set((e.initial_options ?? []).map((o) => o.value));
    return `<div class="field"><fieldset data-block="${esc(b.block_id)}" ${described}><legend>${label}</legend><div class="choices">${opts.map((o, i) =>
      `<label><input type="checkbox" name="${esc(b.block_id)}" value="${esc(o.value)}" id="${id}-${i}" ${chosen.has(o.value) ? "checked" : ""}> ${esc(o.text?.text)}</label>`).join("")}</div></fieldset>${hint}${err}</div>`;
  }
  if (e.type === "static_select") {
    const initial = e.initial_option?.value ?? "";
    return `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${esc(b.block_id)}" ${described}><option value="">Choose…</option>${opts.map((o) =>
      `<option value="${esc(o.value)}" ${o.value === initial ? "selected" : ""}>${esc(o.text?.text)}</option>`).join("")}</select>${hint}${err}</div>`;
  }
  const ph = e.placeholder ? `placeholder="${esc(e.placeholder.text)}"` : "";
  const control = e.multiline
    ? `<textarea id="${id}" name="${esc(b.block_id)}" rows="3" ${ph} ${described}>${esc(e.initial_value ?? "")}</textarea>`
    : `<input type="text" id="${id}" name="${esc(b.block_id)}" value="${esc(e.initial_value ?? "")}" ${ph} ${described}>`;
  return `<div class="field"><label for="${id}">${label}</label>${control}${hint}${err}</div>`;
}

async function submitModal(ev) {
  ev.preventDefault();
  const values = {};
  for (const el of $("modal-body").querySelectorAll("input, select, textarea")) {
    if (!el.name) continue;
    values[el.name] ??= [];
    if (el.type === "checkbox") { if (el.checked) values[el.name].push(el.value); } else values[el.name].push(el.value);
  }
  const button = $("modal-submit");
  button.disabled = true;
  try {
    const { errors } = await post("/simulator/act/submit", { user: state.me, values });
    for (const p of $("modal-body").querySelectorAll(".error")) p.textContent = "";
    const keys = Object.keys(errors ?? {});
    if (keys.length === 0) { state.dismissed = state.openKey; $("modal").close(); return; }
    for (const k of keys) {
      const p = document.getElementById("err-" + k);
      if (p) p.textContent = errors[k]; else $("modal-error").textContent = errors[k];
    }
    $("modal-error").textContent ||= `Please fix ${keys.length === 1 ? "the field" : keys.length + " fields"} marked below.`;
    const first = document.getElementById("f-" + keys[0]) ?? document.querySelector(`[data-block="${keys[0]}"] input`);
    first?.focus();
  } catch (e) {
    $("modal-error").textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

async function send(ev) {
  ev.preventDefault();
  const box = $("say"), text = box.value.trim();
  if (!text) return;
  box.value = "";
  try {
    if (text.startsWith("/")) {
      if (!/^\/peer(\s|$)/i.test(text)) { $("time-status").textContent = `Only /peer is installed here, not ${text.split(/\s/)[0]}.`; return; }
      const channel = state.view === "dm" || state.view === "home" ? "D" + state.me : state.view;
      await post("/simulator/act/command", { user: state.me, channel, text });
    } else if (state.view === "dm") {
      await post("/simulator/act/message", { user: state.me, text });
    } else {
      $("time-status").textContent = "PeerBot hears /peer commands here, or anything in its direct messages.";
    }
  } catch (e) {
    $("time-status").textContent = e.message;
  }
}

function go(view) {
  state.view = view;
  if (view === "home") post("/simulator/act/home", { user: state.me }).catch((e) => { $("time-status").textContent = e.message; });
  render();
}

document.addEventListener("DOMContentLoaded", () => {
  $("composer").addEventListener("submit", send);
  $("say").addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("composer").requestSubmit(); } });
  $("who").addEventListener("change", (e) => { state.me = e.target.value; state.dismissed = ""; go(state.view === "dm" || state.view === "home" || state.view === state.lounge ? state.view : state.lounge); });
  $("add-teacher").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = $("new-name");
    if (!input.value.trim()) return;
    try { const t = await post("/simulator/teachers", { name: input.value }); input.value = ""; state.me = t.id; $("who").innerHTML = ""; } catch (err) { $("time-status").textContent = err.message; }
  });
  document.body.addEventListener("click", async (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.view) { if (b.dataset.as) state.me = b.dataset.as; go(b.dataset.view); return; }
    if (b.dataset.action) {
      b.disabled = true;
      try {
        await post("/simulator/act/click", { user: state.me, channel: b.dataset.channel ?? null, ts: b.dataset.ts ?? null, actionId: b.dataset.action, value: b.dataset.value, blockId: b.dataset.block, viewId: b.dataset.modal ?? null });
      } catch (err) { $("time-status").textContent = err.message; } finally { b.disabled = false; }
      return;
    }
    if (b.dataset.shortcut) {
      try { await post("/simulator/act/shortcut", { user: state.me, callbackId: b.dataset.shortcut }); } catch (err) { $("time-status").textContent = err.message; }
      return;
    }
    if (b.dataset.run) {
      const status = $("time-status");
      status.textContent = "Running…";
      try { status.textContent = (await post("/simulator/time/" + b.dataset.run, {})).message; } catch (err) { status.textContent = err.message; }
    }
  });
  $("seed").addEventListener("click", async () => {
    const status = $("time-status");
    status.textContent = "Seeding: 30 teachers are typing /peer join …";
    try { status.textContent = `Seeded: ${(await post("/simulator/seed", {})).joined} teachers joined with /peer join.`; } catch (err) { status.textContent = err.message; }
  });
  $("modal-form").addEventListener("submit", submitModal);
  $("modal-cancel").addEventListener("click", () => $("modal").close());
  $("modal").addEventListener("close", () => {
    if (state.openKey && state.modals.some((m) => m.userId === state.me)) { state.dismissed = state.openKey; post("/simulator/act/close", { user: state.me }).catch(() => {}); }
  });
  poll();
});
