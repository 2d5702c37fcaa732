/* The transcript page's only script (besides the libraries it uses). Content arrives as HTML the
   Java side wrote with everything escaped; DOMPurify cleans it once more before it enters the page.
   Nothing here evaluates content. The Java side is reached only through window.bridge. */
(function () {
  'use strict';
  var main = document.getElementById('transcript');
  var overlay = document.getElementById('overlay');
  var loadingOlder = false;
  var hasOlder = false;
  var marked = null; // the article whose search words are marked, until the user's next action
  var PURIFY = {
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'link', 'meta', 'base', 'svg', 'math'],
    FORBID_ATTR: ['style'],
    // Addresses of our schemes, or values that name no scheme at all (DOMPurify checks every
    // attribute value against this, so "checkbox" and "noopener" must pass and "javascript:" not).
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpe?g|gif|webp);base64,|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i,
    ADD_ATTR: ['data-act', 'data-seq', 'data-tex', 'data-item', 'data-shown', 'data-total', 'data-tool-id'],
    RETURN_DOM_FRAGMENT: true
  };

  function bridge() { return window.bridge; }
  function fragment(html) { return DOMPurify.sanitize(html, PURIFY); }
  function atBottom() { return window.innerHeight + window.scrollY >= document.body.scrollHeight - 48; }
  /* Scrolls only when the end is not in view already: every page scroll makes WebView copy its whole
     back buffer into a new window-sized texture and repaint the window (costly with software rendering). */
  function toBottom() {
    var end = document.body.scrollHeight - window.innerHeight;
    if (window.scrollY < end - 1) window.scrollTo(0, end);
  }
  function article(seq) { return document.getElementById('m-' + seq); }

  function enhance(root) {
    var maths = root.querySelectorAll('.math[data-tex]');
    for (var i = 0; i < maths.length; i++) {
      var el = maths[i];
      try {
        katex.render(el.getAttribute('data-tex'), el, {
          displayMode: el.classList.contains('math-display'), throwOnError: false, trust: false,
          strict: 'ignore', maxExpand: 500, maxSize: 50, output: 'html'
        });
      } catch (e) {
        el.classList.add('math-unrendered');
      }
    }
    var codes = root.querySelectorAll('pre code[class^="language-"]');
    for (var j = 0; j < codes.length; j++) {
      var code = codes[j];
      var msg = code.closest('.msg');
      var lang = code.className.substring('language-'.length);
      // Highlight finished messages only (a streaming one is re-rendered many times a second), and
      // only languages highlight.js knows: its guessing is slow and often wrong.
      if (msg && msg.classList.contains('state-streaming')) continue;
      if (!hljs.getLanguage(lang) || code.textContent.length > 200000) continue;
      hljs.highlightElement(code);
    }
  }

  /* A first screen that does not fill the window cannot be scrolled up: ask for older at once; and
     while the reader is still near the top after a page came in, ask for the next (pages are small). */
  function maybeOlder() {
    if (hasOlder && !loadingOlder && (document.body.scrollHeight <= window.innerHeight + 800 || window.scrollY < 800)) {
      loadingOlder = true;
      setTimeout(function () { bridge().loadOlder(); }, 0);
    }
  }

  /* Wraps each occurrence of the words (any case) in the article's own text in <mark>: text nodes
     are split and the marks made with createElement/textContent, so no content is parsed as HTML. */
  function markWords(msg, words) {
    var wanted = [];
    for (var w = 0; w < words.length; w++) {
      var word = String(words[w]).toLowerCase();
      if (word.length > 0 && wanted.indexOf(word) < 0) wanted.push(word);
    }
    if (!wanted.length) return 0;
    var walker = document.createTreeWalker(msg, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest('.msg-head, .no-copy, button, mark, .katex')
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    var count = 0;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var lower = text.toLowerCase();
      if (lower.length !== text.length) return; // a case change that moves offsets: leave this piece unmarked
      var frag = document.createDocumentFragment();
      var from = 0;
      for (;;) {
        var at = -1, len = 0;
        for (var i = 0; i < wanted.length; i++) {
          var found = lower.indexOf(wanted[i], from);
          if (found >= 0 && (at < 0 || found < at || (found === at && wanted[i].length > len))) { at = found; len = wanted[i].length; }
        }
        if (at < 0) break;
        if (at > from) frag.appendChild(document.createTextNode(text.substring(from, at)));
        var mark = document.createElement('mark');
        mark.className = 'search-mark';
        mark.textContent = text.substring(at, at + len);
        frag.appendChild(mark);
        from = at + len;
        count++;
      }
      if (from === 0) return;
      if (from < text.length) frag.appendChild(document.createTextNode(text.substring(from)));
      node.parentNode.replaceChild(frag, node);
    });
    return count;
  }

  function unmark() {
    if (!marked) return;
    var msg = marked;
    marked = null;
    msg.classList.remove('search-hit', 'search-fading');
    var marks = msg.querySelectorAll('mark.search-mark');
    for (var i = 0; i < marks.length; i++) {
      var parent = marks[i].parentNode;
      parent.replaceChild(document.createTextNode(marks[i].textContent), marks[i]);
      parent.normalize();
    }
  }

  /* The user did something: the marks fade, then go. */
  function fadeMarks() {
    if (!marked || marked.classList.contains('search-fading')) return;
    var msg = marked;
    msg.classList.add('search-fading');
    setTimeout(function () { if (marked === msg) unmark(); }, 700);
  }

  function openDetails(el) {
    var open = [];
    var all = el.querySelectorAll('details');
    for (var i = 0; i < all.length; i++) open.push(all[i].open);
    return open;
  }

  window.T = {
    reset: function (html, older, emptyText) {
      main.innerHTML = '';
      main.appendChild(fragment(html));
      hasOlder = older;
      loadingOlder = false;
      enhance(main);
      if (!main.firstElementChild) {
        var p = document.createElement('p');
        p.id = 'empty';
        p.textContent = emptyText;
        main.appendChild(p);
      }
      toBottom();
      maybeOlder();
    },
    append: function (html) {
      var stick = atBottom();
      var empty = document.getElementById('empty');
      if (empty) empty.remove();
      var frag = fragment(html);
      var added = Array.prototype.slice.call(frag.children);
      main.appendChild(frag);
      added.forEach(enhance);
      if (stick) toBottom();
    },
    prepend: function (html, older) {
      var before = document.body.scrollHeight;
      var frag = fragment(html);
      var added = Array.prototype.slice.call(frag.children);
      main.insertBefore(frag, main.firstChild);
      added.forEach(enhance);
      window.scrollBy(0, document.body.scrollHeight - before);
      hasOlder = older;
      loadingOlder = false;
      maybeOlder();
    },
    replace: function (seq, html) {
      var old = article(seq);
      if (!old) { T.append(html); return; }
      var stick = atBottom();
      var open = openDetails(old);
      var frag = fragment(html);
      var fresh = frag.firstElementChild;
      old.replaceWith(frag);
      if (fresh) {
        var details = fresh.querySelectorAll('details');
        for (var i = 0; i < details.length && i < open.length; i++) details[i].open = open[i];
        enhance(fresh);
      }
      if (stick) toBottom();
    },
    remove: function (seq) {
      var old = article(seq);
      if (old) old.remove();
    },
    chunk: function (seq, item, html, shown, total) {
      var msg = article(seq);
      if (!msg) return;
      var fold = msg.querySelector('.fold[data-item="' + item + '"]');
      if (!fold) return;
      fold.parentNode.insertBefore(fragment(html), fold);
      if (shown >= total) fold.remove(); else fold.setAttribute('data-shown', String(shown));
    },
    /* Shows message seq (a search hit) and marks the words the search matched in it. */
    reveal: function (seq, words) {
      var msg = article(seq);
      if (!msg) return false;
      unmark();
      if (words && words.length) {
        markWords(msg, words);
        msg.classList.add('search-hit');
        marked = msg;
      }
      var first = msg.querySelector('mark.search-mark');
      (first || msg).scrollIntoView({block: 'center'});
      msg.classList.add('flash');
      msg.focus();
      return true;
    },
    fadeMarks: fadeMarks,
    markCount: function () { return marked ? marked.querySelectorAll('mark.search-mark').length : 0; },
    setTheme: function (dark) { document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light'); },
    selectAll: function () {
      var range = document.createRange();
      range.selectNodeContents(main);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    },
    /* The selected text as a reader means it: math as its TeX, no button captions or headers. */
    selectionText: function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return '';
      var box = document.createElement('div');
      for (var r = 0; r < sel.rangeCount; r++) box.appendChild(sel.getRangeAt(r).cloneContents());
      var maths = box.querySelectorAll('.math[data-tex]');
      for (var i = 0; i < maths.length; i++) {
        var disp = maths[i].classList.contains('math-display');
        maths[i].replaceWith(document.createTextNode(disp ? '$$' + maths[i].getAttribute('data-tex') + '$$'
            : '$' + maths[i].getAttribute('data-tex') + '$'));
      }
      var skip = box.querySelectorAll('.no-copy, .msg-head, button');
      for (var j = 0; j < skip.length; j++) skip[j].remove();
      box.style.position = 'absolute';
      box.style.left = '-99999px';
      box.style.whiteSpace = 'normal';
      document.body.appendChild(box);
      var text = box.innerText;
      box.remove();
      return text.replace(/\n{3,}/g, '\n\n').trim();
    },
    seqAt: function (x, y) {
      var el = document.elementFromPoint(x, y);
      var msg = el && el.closest('.msg');
      return msg ? parseInt(msg.getAttribute('data-seq'), 10) : -1;
    },
    focusedSeq: function () {
      var msg = document.activeElement && document.activeElement.closest && document.activeElement.closest('.msg');
      return msg ? parseInt(msg.getAttribute('data-seq'), 10) : -1;
    },
    codeAt: function (x, y) {
      var el = document.elementFromPoint(x, y);
      var block = el && el.closest('.code-block');
      var code = block && block.querySelector('pre code');
      return code ? code.textContent : null;
    },
    count: function () { return main.querySelectorAll('.msg').length; }
  };

  document.addEventListener('click', function (e) {
    var target = e.target;
    var link = target.closest('a[href]');
    if (link) {
      e.preventDefault();
      bridge().openLink(link.getAttribute('href'));
      return;
    }
    if (!overlay.hidden && overlay.contains(target)) { overlay.hidden = true; overlay.innerHTML = ''; return; }
    var img = target.closest('img.inline-image');
    if (img) {
      var big = document.createElement('img');
      big.src = img.src;
      big.alt = img.alt;
      overlay.innerHTML = '';
      overlay.appendChild(big);
      overlay.hidden = false;
      return;
    }
    var button = target.closest('[data-act]');
    if (!button || button.disabled) return;
    var act = button.getAttribute('data-act');
    var msg = button.closest('.msg');
    var seq = msg ? parseInt(msg.getAttribute('data-seq'), 10) : -1;
    if (act === 'copy-code') {
      var code = button.closest('.code-block').querySelector('pre code');
      bridge().copyCode(code.textContent);
      var label = button.textContent;
      button.textContent = '\u2713';
      setTimeout(function () { button.textContent = label; }, 1200);
    } else if (act === 'show-all') {
      var more = button.parentNode.querySelector('.tool-more');
      if (more) more.hidden = false;
      button.remove();
    } else if (act === 'more') {
      var fold = button.closest('.fold');
      bridge().showMore(seq, parseInt(fold.getAttribute('data-item'), 10), parseInt(fold.getAttribute('data-shown'), 10));
    } else {
      bridge().act(act, seq);
    }
  });

  document.addEventListener('mousedown', fadeMarks, true);
  document.addEventListener('wheel', fadeMarks, {passive: true, capture: true});
  document.addEventListener('keydown', function (e) {
    fadeMarks();
    if (e.key === 'Escape' && !overlay.hidden) { overlay.hidden = true; overlay.innerHTML = ''; e.preventDefault(); return; }
    var focused = e.target;
    if (!focused || !focused.classList || !focused.classList.contains('msg')) {
      if (focused && focused.tagName === 'IMG' && e.key === 'Enter') focused.click();
      return;
    }
    var seq = parseInt(focused.getAttribute('data-seq'), 10);
    var next = null;
    if (e.key === 'ArrowDown' || e.key === 'j') next = focused.nextElementSibling;
    if (e.key === 'ArrowUp' || e.key === 'k') next = focused.previousElementSibling;
    while (next && next.hidden) next = e.key === 'ArrowDown' || e.key === 'j' ? next.nextElementSibling : next.previousElementSibling;
    if (next) { next.focus(); e.preventDefault(); return; }
    var keys = {c: 'copy', e: 'edit', r: 'regenerate', Delete: 'hide', ContextMenu: 'menu'};
    var act = keys[e.key];
    if (e.key === 'ArrowLeft' && e.altKey) act = 'branch-prev';
    if (e.key === 'ArrowRight' && e.altKey) act = 'branch-next';
    if (act && !e.ctrlKey && !e.metaKey) { e.preventDefault(); bridge().act(act, seq); }
  });

  window.addEventListener('scroll', function () {
    if (hasOlder && !loadingOlder && window.scrollY < 800) {
      loadingOlder = true;
      bridge().loadOlder();
    }
  }, {passive: true});
  window.addEventListener('error', function (e) {
    if (window.bridge) bridge().log(String(e.message) + ' at ' + e.lineno);
  });
})();
