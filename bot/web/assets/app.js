// careerbot playground: sends what is typed to the bot and renders its replies.
// The server renders Markdown to sanitised HTML; everything else is built here with
// textContent, so nothing from a reply is ever interpreted as markup.
"use strict";

(() => {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const box = document.getElementById("q");
  const send = document.getElementById("send");
  const examples = document.getElementById("examples");
  const threadID = tabThread();

  // tabThread returns this tab's conversation id, so follow-ups share a thread and a
  // reload keeps it while a new tab starts afresh.
  function tabThread() {
    let id = sessionStorage.getItem("careerbot-thread");
    if (!id) {
      const b = new Uint8Array(12);
      crypto.getRandomValues(b);
      id = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
      sessionStorage.setItem("careerbot-thread", id);
    }
    return id;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function scrollDown() { window.scrollTo(0, document.body.scrollHeight); }

  function addUser(text) {
    examples.hidden = true; // the examples are for the empty page
    log.append(el("div", "msg user", text));
    scrollDown();
  }

  function newBotMessage() {
    const root = el("article", "msg bot pending");
    const body = el("div", "body");
    root.append(body);
    log.append(root);
    scrollDown();
    return { root, body };
  }

  function showError(msg, text) {
    msg.root.classList.remove("pending");
    msg.root.classList.add("error");
    msg.body.textContent = text;
  }

  function setStatus(msg, text) {
    let s = msg.root.querySelector(".status");
    if (!s) {
      s = el("div", "status");
      s.setAttribute("role", "status");
      msg.root.append(s);
    }
    s.textContent = text;
  }

  // setHTML shows server-rendered Markdown and makes its links open in a new tab.
  function setHTML(body, html) {
    body.innerHTML = html;
    for (const a of body.querySelectorAll("a[href]")) {
      if (/^\[\d+\]$/.test(a.textContent)) a.classList.add("cite");
      if (/^https?:/.test(a.getAttribute("href"))) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
    }
    scrollDown();
  }

  function textOf(html) {
    const d = document.createElement("div");
    d.innerHTML = html;
    return d.textContent.trim();
  }

  async function errorText(resp) {
    try {
      const j = await resp.json();
      if (j && j.error) return j.error;
    } catch (_) { /* not JSON */ }
    return "The bot answered with HTTP " + resp.status + ". Please try again.";
  }

  function link(url, text) {
    if (!url) return el("span", "", text);
    const a = el("a", "", text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function renderReply(msg, r) {
    const root = msg.root;
    root.classList.remove("pending");
    root.replaceChildren();
    const tags = [];
    if (r.ephemeral) tags.push("only you can see this");
    if (r.mode) tags.push(r.mode === "llm" ? "written by the language model" : "quoted from the sources");
    if (tags.length) root.append(el("div", "tag", tags.join(" · ")));
    if (r.notice) root.append(el("div", "notice", r.notice));
    msg.body = el("div", "body");
    root.append(msg.body);
    setHTML(msg.body, r.html);

    if (r.sources.length) {
      const ol = el("ol", "sources");
      for (const s of r.sources) {
        const li = el("li");
        li.value = s.n;
        li.append(link(s.url, s.title || s.url));
        if (s.domain) li.append(el("span", "domain", " — " + s.domain));
        if (s.as_of) li.append(el("span", "asof", " · as of " + s.as_of));
        if (s.mark) li.append(" ", el("span", "mark", s.mark));
        ol.append(li);
      }
      root.append(ol);
    }
    if (r.courses.length) {
      root.append(el("h3", "courses-heading", "Courses to consider"));
      const grid = el("div", "courses");
      for (const c of r.courses) {
        const card = el("div", "course");
        card.append(link(c.url, c.title));
        const meta = [c.provider, c.level, c.format, c.length, c.cost].filter(Boolean).join(" · ");
        if (meta) card.append(el("div", "meta", meta));
        grid.append(card);
      }
      root.append(grid);
    }
    if (r.buttons.length) {
      const group = el("div", "buttons");
      for (const b of r.buttons) {
        const btn = el("button", b.style || "", b.label);
        btn.type = "button";
        btn.dataset.action = b.action;
        btn.dataset.value = b.value;
        btn.addEventListener("click", () => click(msg, group, btn, b));
        group.append(btn);
      }
      root.append(group);
    }
    scrollDown();
  }

  async function post(path, payload) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  }

  async function click(msg, group, btn, b) {
    const all = group.querySelectorAll("button");
    all.forEach((x) => { x.disabled = true; });
    let resp;
    try {
      resp = await post("api/button", { action: b.action, value: b.value, thread_id: threadID });
      if (!resp.ok) throw new Error(await errorText(resp));
    } catch (err) {
      setStatus(msg, err.message);
      all.forEach((x) => { x.disabled = false; });
      return;
    }
    const data = await resp.json();
    switch (b.action) {
      case "feedback_up":
      case "feedback_down":
        all.forEach((x) => { x.disabled = false; x.setAttribute("aria-pressed", String(x === btn)); });
        setStatus(msg, textOf(data.html) || "Thanks for the feedback.");
        break;
      case "plan_share":
      case "summary_post": {
        group.remove();
        setStatus(msg, "Posted to the channel (below).");
        const p = newBotMessage();
        p.root.classList.add("posted");
        renderReply(p, data);
        break;
      }
      case "summary_discard":
        msg.root.replaceChildren(el("div", "status", "Preview discarded."));
        break;
      default:
        setStatus(msg, "Done.");
    }
  }

  // parseEvent reads one Server-Sent Event block ("event: x\ndata: {...}").
  function parseEvent(block) {
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    return { event, data: data.length ? JSON.parse(data.join("\n")) : null };
  }

  async function ask(text, msg) {
    const resp = await post("api/ask", { text, thread_id: threadID });
    if (!resp.ok) {
      showError(msg, await errorText(resp));
      return;
    }
    const reader = resp.body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    let answered = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const ev = parseEvent(buf.slice(0, i));
        buf = buf.slice(i + 2);
        if (ev.event === "partial" && !answered) setHTML(msg.body, ev.data.html);
        else if (ev.event === "reply") { renderReply(msg, ev.data); answered = true; }
      }
    }
    if (!answered) showError(msg, "The answer was interrupted. Please ask again.");
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = box.value.trim();
    if (!text) return;
    box.value = "";
    addUser(text);
    const msg = newBotMessage();
    send.disabled = true;
    try {
      await ask(text, msg);
    } catch (err) {
      showError(msg, "Could not reach the bot: " + err.message);
    } finally {
      send.disabled = false;
      box.focus();
    }
  });

  // The plan form: filled from the bot's choices, hidden when plans are unavailable.
  const planBox = document.getElementById("plan-box");
  const planForm = document.getElementById("plan");
  const planSend = document.getElementById("plan-send");

  function fillSelect(id, choices) {
    const sel = document.getElementById(id);
    sel.replaceChildren();
    for (const c of choices) {
      const o = el("option", "", c.label);
      o.value = c.id;
      sel.append(o);
    }
  }

  async function loadPlanChoices() {
    try {
      const resp = await fetch("api/plan/choices");
      if (!resp.ok) return;
      const ch = await resp.json();
      fillSelect("plan-goal", ch.goals);
      fillSelect("plan-education", ch.educations);
      fillSelect("plan-background", ch.backgrounds);
      planBox.hidden = false;
    } catch (_) { /* no plan form */ }
  }

  function selectedLabel(id) {
    const sel = document.getElementById(id);
    return sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].textContent : "";
  }

  planForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const hours = document.getElementById("plan-hours").value.trim();
    const payload = {
      goal: document.getElementById("plan-goal").value,
      education: document.getElementById("plan-education").value,
      background: document.getElementById("plan-background").value,
      hours_per_week: hours ? Number(hours) : 0,
      remote: document.getElementById("plan-remote").checked,
      thread_id: threadID,
    };
    addUser("Plan my route to: " + selectedLabel("plan-goal"));
    const msg = newBotMessage();
    planSend.disabled = true;
    try {
      const resp = await post("api/plan", payload);
      if (!resp.ok) showError(msg, await errorText(resp));
      else renderReply(msg, await resp.json());
    } catch (err) {
      showError(msg, "Could not reach the bot: " + err.message);
    } finally {
      planSend.disabled = false;
    }
  });
  loadPlanChoices();

  // An example question is asked as if it had been typed.
  for (const b of examples.querySelectorAll("button.example")) {
    b.addEventListener("click", () => {
      box.value = b.textContent;
      form.requestSubmit();
    });
  }

  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  box.focus();
})();
