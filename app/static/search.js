// Results as you type in the header search box: a debounced call to the search API, shown under the box.
(function () {
  const box = document.querySelector("[data-live-search]");
  if (!box) return;
  const input = box.querySelector("input[name=q]");
  const list = box.querySelector("[data-live-results]");
  let timer = null, seq = 0;

  function show(items) {
    list.replaceChildren();
    for (const item of items) {
      const link = document.createElement("a");
      link.href = (item.type === "company" ? "/companies/" : "/opportunities/") + item.id;
      link.textContent = item.title;  // text only: highlights are for the full results page
      const li = document.createElement("li");
      li.append(link);
      list.append(li);
    }
    list.hidden = items.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { show([]); return; }
    timer = setTimeout(async function () {
      const mine = ++seq;
      try {
        const response = await fetch("/api/v1/search?per_page=6&q=" + encodeURIComponent(q));
        if (!response.ok || mine !== seq) return;
        show((await response.json()).items);
      } catch (error) { show([]); }
    }, 250);
  });
  document.addEventListener("click", function (event) { if (!box.contains(event.target)) list.hidden = true; });
})();
