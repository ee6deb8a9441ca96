// The peer page's behaviour: browse the shared folders (/api/files), download
// files (/files/...), and show the host's downloads and peers' transfers live
// from the WebSocket (/ws, protocol in docs/protocol.md).
//
// Access rides on the HttpOnly cookie the server set when the page was opened
// with ?token=, so fetch and WebSocket need nothing extra. Every name from the
// server is put into the page with textContent, never as HTML.
(function () {
  'use strict';

  // --- strings ---------------------------------------------------------------
  // English is the source; Chinese is picked from navigator.language.
  const STRINGS = {
    en: {
      connecting: 'Connecting…',
      live: 'Live',
      offline: 'Offline — retrying in {0} s',
      unauthorized: 'Access denied. Open the full link the person sharing gave you (it ends with ?token=…).',
      sharedFiles: 'Shared files',
      home: 'Shared folders',
      name: 'Name',
      size: 'Size',
      modified: 'Modified',
      activity: 'Live activity',
      downloads: 'Downloads',
      peers: 'Peers downloading from here',
      noDownloads: 'Nothing is downloading.',
      noUploads: 'Nobody is downloading from here.',
      emptyFolder: 'This folder is empty.',
      loadFailed: 'Could not load this folder (HTTP {0}).',
      notFound: 'This folder does not exist (any more).',
      networkError: 'The server cannot be reached.',
      footer: 'Shared with Ferry',
      folder: 'Folder',
      queued: 'Queued',
      downloading: 'Downloading',
      paused: 'Paused',
      verifying: 'Verifying',
      completed: 'Completed',
      failed: 'Failed',
      sending: 'Sending',
      done: 'Done',
      eta: '{0} left',
      you: 'You',
      otherDevice: 'Another device',
      copyLink: 'Copy link',
      copyLinkTitle: 'A link to this file alone, valid for 24 hours, that works without the token',
      linkReady: 'Link to {0}, valid until {1}:',
      linkFailed: 'Could not make a link (HTTP {0}).',
    },
    'zh-CN': {
      connecting: '正在连接…',
      live: '实时',
      offline: '已断开，{0} 秒后重试',
      unauthorized: '无权访问。请打开分享者提供的完整链接（以 ?token=… 结尾）。',
      sharedFiles: '共享文件',
      home: '共享文件夹',
      name: '名称',
      size: '大小',
      modified: '修改时间',
      activity: '实时动态',
      downloads: '下载',
      peers: '正在从这里下载的设备',
      noDownloads: '当前没有下载。',
      noUploads: '没有设备正在从这里下载。',
      emptyFolder: '此文件夹为空。',
      you: '你',
      otherDevice: '其他设备',
      copyLink: '复制链接',
      copyLinkTitle: '只指向这个文件的链接，24 小时内有效，无需令牌',
      linkReady: '{0} 的链接，有效期至 {1}：',
      linkFailed: '无法生成链接（HTTP {0}）。',
      loadFailed: '无法加载此文件夹（HTTP {0}）。',
      notFound: '此文件夹不存在。',
      networkError: '无法连接到服务器。',
      footer: '由 Ferry 共享',
      folder: '文件夹',
      queued: '排队中',
      downloading: '下载中',
      paused: '已暂停',
      verifying: '校验中',
      completed: '已完成',
      failed: '失败',
      sending: '发送中',
      done: '完成',
      eta: '剩余 {0}',
    },
  };

  function pickLanguage() {
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const lang of langs) {
      const l = String(lang).toLowerCase();
      if (l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l.startsWith('zh-sg')) return 'zh-CN';
      if (l.startsWith('en')) return 'en';
    }
    return 'en';
  }
  const LANG = pickLanguage();
  const DICT = STRINGS[LANG];

  function t(key, arg) {
    const s = DICT[key] !== undefined ? DICT[key] : STRINGS.en[key];
    return arg === undefined ? s : s.replace('{0}', String(arg));
  }

  // --- small helpers -----------------------------------------------------------
  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // Binary units, one decimal: as the window and ferry get write them (docs/units.md).
  const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  function formatSize(bytes) {
    if (typeof bytes !== 'number' || bytes < 0) return '?';
    let v = bytes;
    let i = 0;
    while (v >= 1024 && i < UNITS.length - 1) {
      v /= 1024;
      i++;
    }
    return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + UNITS[i];
  }

  function formatSpeed(bytesPerSecond) {
    return formatSize(Math.max(0, Math.round(bytesPerSecond || 0))) + '/s';
  }

  function formatDuration(seconds) {
    if (typeof seconds !== 'number' || seconds < 0) return '';
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.floor(seconds % 60);
    if (h > 0) return h + ':' + String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
    return m + ':' + String(s).padStart(2, '0');
  }

  const dateFormat = new Intl.DateTimeFormat(LANG === 'zh-CN' ? 'zh-CN' : undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
  function formatDate(unixSeconds) {
    if (!unixSeconds) return '';
    return dateFormat.format(new Date(unixSeconds * 1000));
  }

  // Shared paths travel as "Root/sub/file"; each segment is encoded on its own.
  function encodePath(path) {
    return path.split('/').filter((s) => s.length > 0).map(encodeURIComponent).join('/');
  }

  function joinPath(dir, name) {
    return dir ? dir + '/' + name : name;
  }

  function applyStaticStrings() {
    document.documentElement.lang = LANG === 'zh-CN' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.getAttribute('data-i18n'));
    }
  }

  // --- access -----------------------------------------------------------------
  let unauthorized = false;
  function showUnauthorized() {
    unauthorized = true;
    const banner = $('auth-error');
    banner.textContent = t('unauthorized');
    banner.hidden = false;
    document.body.setAttribute('data-auth', 'denied');
    setLiveState('denied', t('unauthorized'));
  }

  // The token was turned into a cookie by the server: keep it out of the
  // address bar so it is not bookmarked or shared by accident.
  function forgetTokenInAddress() {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return;
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  // --- files --------------------------------------------------------------------
  function currentFolder() {
    const hash = window.location.hash;
    if (!hash.startsWith('#/')) return '';
    try {
      return hash.slice(2).split('/').filter((s) => s.length > 0).map(decodeURIComponent).join('/');
    } catch (e) {
      return '';
    }
  }

  function folderHash(path) {
    return '#/' + encodePath(path);
  }

  function renderBreadcrumbs(path) {
    const nav = $('breadcrumbs');
    nav.replaceChildren();
    const home = el('a', 'crumb', t('home'));
    home.href = '#/';
    nav.appendChild(home);
    let sofar = '';
    const parts = path ? path.split('/') : [];
    parts.forEach((part, i) => {
      nav.appendChild(el('span', 'sep', '/'));
      sofar = joinPath(sofar, part);
      if (i === parts.length - 1) {
        const here = el('span', 'crumb current', part);
        here.setAttribute('aria-current', 'page');
        nav.appendChild(here);
      } else {
        const a = el('a', 'crumb', part);
        a.href = folderHash(sofar);
        nav.appendChild(a);
      }
    });
  }

  function showFilesMessage(text, isError) {
    const box = $('files-message');
    box.textContent = text;
    box.className = 'message' + (isError ? ' error' : '');
    box.hidden = !text;
  }

  function renderEntries(path, entries) {
    const body = $('file-list');
    body.replaceChildren();
    for (const entry of entries) {
      const isDir = entry.type === 'dir';
      const fullPath = joinPath(path, entry.name);
      const row = el('tr', isDir ? 'entry dir' : 'entry file');
      const nameCell = el('td', 'col-name');
      const link = el('a', 'name');
      // Drawn by CSS: an emoji would depend on the peer having an emoji font.
      link.appendChild(el('span', isDir ? 'icon icon-dir' : 'icon icon-file')).setAttribute('aria-hidden', 'true');
      link.appendChild(el('span', 'label', entry.name));
      if (isDir) {
        link.href = folderHash(fullPath);
        link.title = t('folder');
      } else {
        link.href = '/files/' + encodePath(fullPath);
        link.setAttribute('download', '');
      }
      nameCell.appendChild(link);
      if (!isDir) {
        const share = el('button', 'copy-link', t('copyLink'));
        share.type = 'button';
        share.title = t('copyLinkTitle');
        share.addEventListener('click', () => copyFileLink(fullPath, entry.name));
        nameCell.appendChild(share);
      }
      row.appendChild(nameCell);
      row.appendChild(el('td', 'col-size', isDir ? '' : formatSize(entry.size)));
      row.appendChild(el('td', 'col-date', formatDate(entry.mtime)));
      body.appendChild(row);
    }
    showFilesMessage(entries.length === 0 ? t('emptyFolder') : '', false);
  }

  // A signed link to one file (/api/link): for someone who must not see the
  // rest. The clipboard API needs a secure context, which a LAN address is
  // not, so the link is also shown selected, ready for Ctrl+C.
  async function copyFileLink(path, name) {
    const box = $('link-box');
    let response;
    try {
      response = await fetch('/api/link?path=' + encodeURIComponent(path), { credentials: 'same-origin' });
    } catch (e) {
      showFilesMessage(t('networkError'), true);
      return;
    }
    if (!response.ok) {
      showFilesMessage(t('linkFailed', response.status), true);
      return;
    }
    const answer = await response.json();
    const url = window.location.origin + answer.link;
    $('link-text').textContent = t('linkReady', name, formatDate(answer.expires));
    const field = $('link-url');
    field.value = url;
    box.hidden = false;
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).catch(() => {});
  }

  let listingRequest = 0;
  async function loadFolder() {
    const path = currentFolder();
    const request = ++listingRequest;
    renderBreadcrumbs(path);
    let response;
    try {
      response = await fetch('/api/files?path=' + encodeURIComponent(path), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
    } catch (e) {
      if (request === listingRequest) showFilesMessage(t('networkError'), true);
      return;
    }
    if (request !== listingRequest) return; // the user went elsewhere meanwhile
    if (response.status === 401) {
      $('file-list').replaceChildren();
      showUnauthorized();
      return;
    }
    if (!response.ok) {
      $('file-list').replaceChildren();
      showFilesMessage(response.status === 404 ? t('notFound') : t('loadFailed', response.status), true);
      return;
    }
    const listing = await response.json();
    if (request !== listingRequest) return;
    const entries = Array.isArray(listing.entries) ? listing.entries : [];
    // One shared folder: open it rather than a list holding only it.
    if (!path && entries.length === 1 && entries[0].type === 'dir') {
      history.replaceState(history.state, '', window.location.pathname + window.location.search
        + folderHash(entries[0].name));
      loadFolder();
      return;
    }
    renderEntries(path, entries);
    document.body.setAttribute('data-files', 'loaded');
  }

  async function loadStatus() {
    try {
      const response = await fetch('/api/status', { credentials: 'same-origin' });
      if (response.status === 401) {
        showUnauthorized();
        return;
      }
      if (!response.ok) return;
      const status = await response.json();
      if (status.name) {
        $('server-name').textContent = status.name;
        document.title = 'Ferry — ' + status.name;
      }
      if (status.version) $('version').textContent = status.version;
    } catch (e) {
      // The live panel reports the connection; nothing more to say here.
    }
  }

  // --- live panel ---------------------------------------------------------------
  const downloads = new Map(); // id -> {data, row}
  const uploads = new Map();

  function setLiveState(state, text) {
    const box = $('live-status');
    box.setAttribute('data-state', state);
    $('live-status-text').textContent = text;
  }

  function progressBar(fraction) {
    const outer = el('div', 'bar');
    const inner = el('div', 'fill');
    outer.appendChild(inner);
    outer.setAttribute('role', 'progressbar');
    outer.setAttribute('aria-valuemin', '0');
    outer.setAttribute('aria-valuemax', '100');
    setBar(outer, fraction);
    return outer;
  }

  function setBar(outer, fraction) {
    const known = typeof fraction === 'number' && isFinite(fraction) && fraction >= 0;
    const pct = known ? Math.min(100, Math.round(fraction * 1000) / 10) : 0;
    outer.classList.toggle('unknown', !known);
    outer.firstChild.style.width = (known ? pct : 100) + '%';
    if (known) outer.setAttribute('aria-valuenow', String(pct));
    else outer.removeAttribute('aria-valuenow');
  }

  function transferRow() {
    const li = el('li', 'transfer');
    const top = el('div', 'line');
    top.appendChild(el('span', 'tname'));
    top.appendChild(el('span', 'tstate'));
    li.appendChild(top);
    li.appendChild(progressBar(0));
    li.appendChild(el('div', 'meta'));
    return li;
  }

  function renderDownload(entry) {
    const d = entry.data;
    const row = entry.row;
    row.querySelector('.tname').textContent = d.name || d.host || '#' + d.id;
    row.querySelector('.tname').title = d.host ? d.name + ' — ' + d.host : d.name || '';
    const state = d.state || 'queued';
    row.setAttribute('data-state', state);
    row.querySelector('.tstate').textContent = t(state) || state;
    const fraction = d.total > 0 ? d.received / d.total : (state === 'completed' ? 1 : -1);
    setBar(row.querySelector('.bar'), fraction);
    const parts = [];
    parts.push(d.total >= 0 ? formatSize(d.received) + ' / ' + formatSize(d.total) : formatSize(d.received));
    if (state === 'downloading') {
      parts.push(formatSpeed(d.speed));
      if (d.eta >= 0) parts.push(t('eta', formatDuration(d.eta)));
    }
    if (state === 'failed' && d.error) parts.push(d.error);
    row.querySelector('.meta').textContent = parts.join(' · ');
  }

  function renderUpload(entry) {
    const u = entry.data;
    const row = entry.row;
    const name = (u.path || '').split('/').pop() || u.path || '';
    row.querySelector('.tname').textContent = name;
    row.querySelector('.tname').title = u.path || '';
    row.setAttribute('data-state', u.finished ? 'completed' : 'downloading');
    // Other devices' addresses are not sent to us; our own transfers say so.
    row.querySelector('.tstate').textContent = u.mine ? t('you') : t('otherDevice');
    setBar(row.querySelector('.bar'), u.total > 0 ? u.sent / u.total : (u.finished ? 1 : -1));
    const parts = [formatSize(u.sent) + ' / ' + formatSize(u.total)];
    parts.push(u.finished ? t('done') : formatSpeed(u.speed));
    row.querySelector('.meta').textContent = parts.join(' · ');
  }

  function updateEmptyNotes() {
    $('downloads-empty').hidden = downloads.size > 0;
    $('uploads-empty').hidden = uploads.size > 0;
  }

  function upsert(map, listId, data, render) {
    let entry = map.get(data.id);
    if (!entry) {
      entry = { data: {}, row: transferRow() };
      map.set(data.id, entry);
      $(listId).appendChild(entry.row);
    }
    Object.assign(entry.data, data);
    render(entry);
    return entry;
  }

  function removeFrom(map, id) {
    const entry = map.get(id);
    if (!entry) return;
    entry.row.remove();
    map.delete(id);
  }

  function applySnapshot(message) {
    downloads.clear();
    uploads.clear();
    $('download-list').replaceChildren();
    $('upload-list').replaceChildren();
    for (const d of message.downloads || []) upsert(downloads, 'download-list', d, renderDownload);
    for (const u of message.uploads || []) upsert(uploads, 'upload-list', u, renderUpload);
    updateEmptyNotes();
  }

  function applyProgress(message) {
    for (const d of message.downloads || []) {
      const entry = downloads.get(d.id);
      if (entry) {
        Object.assign(entry.data, d);
        renderDownload(entry);
      }
    }
    for (const u of message.uploads || []) {
      const entry = uploads.get(u.id);
      if (entry) {
        Object.assign(entry.data, u);
        renderUpload(entry);
      }
    }
  }

  function applyState(message) {
    const d = message.download || {};
    if (message.event === 'removed') removeFrom(downloads, d.id);
    else upsert(downloads, 'download-list', d, renderDownload);
    updateEmptyNotes();
  }

  function applyPeer(message) {
    const u = message.upload || {};
    if (message.event === 'finished') {
      const entry = upsert(uploads, 'upload-list', u, renderUpload);
      // Leave a finished transfer in view for a moment, then let it go.
      setTimeout(() => {
        if (uploads.get(u.id) === entry) removeFrom(uploads, u.id);
        updateEmptyNotes();
      }, 5000);
    } else {
      upsert(uploads, 'upload-list', u, renderUpload);
    }
    updateEmptyNotes();
  }

  // --- WebSocket ------------------------------------------------------------------
  const RETRY_FIRST_MS = 1000;
  const RETRY_MAX_MS = 30000;
  const PING_MS = 25000;
  let socket = null;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer = 0;
  let pingTimer = 0;
  let countdownTimer = 0;

  function connectLive() {
    if (unauthorized) return;
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    setLiveState('connecting', t('connecting'));
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(scheme + '//' + window.location.host + '/ws');
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    let greeted = false;
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      switch (message.type) {
      case 'hello':
        greeted = true;
        retryMs = RETRY_FIRST_MS;
        setLiveState('connected', t('live'));
        if (message.server && !$('server-name').textContent) $('server-name').textContent = message.server;
        if (message.version) $('version').textContent = message.version;
        break;
      case 'snapshot': applySnapshot(message); break;
      case 'progress': applyProgress(message); break;
      case 'state': applyState(message); break;
      case 'peer': applyPeer(message); break;
      default: break; // pong, or something newer than this page
      }
    };
    ws.onopen = () => {
      clearInterval(pingTimer);
      pingTimer = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send('ping');
      }, PING_MS);
    };
    ws.onclose = () => {
      clearInterval(pingTimer);
      if (socket !== ws) return;
      socket = null;
      if (!greeted) {
        // A refused handshake looks like any other close: ask plain HTTP why.
        fetch('/api/status', { credentials: 'same-origin' }).then((r) => {
          if (r.status === 401) showUnauthorized();
          else scheduleReconnect();
        }, () => scheduleReconnect());
      } else {
        scheduleReconnect();
      }
    };
    ws.onerror = () => {}; // onclose follows and decides
  }

  function scheduleReconnect() {
    if (unauthorized) return;
    // Back off, with jitter so a restarted host is not hit by every page at once.
    const delay = Math.round(retryMs * (0.75 + Math.random() * 0.5));
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    let left = Math.ceil(delay / 1000);
    setLiveState('offline', t('offline', left));
    clearInterval(countdownTimer);
    countdownTimer = setInterval(() => {
      left = Math.max(0, left - 1);
      setLiveState('offline', t('offline', left));
    }, 1000);
    retryTimer = setTimeout(connectLive, delay);
  }

  // --- start ------------------------------------------------------------------------
  applyStaticStrings();
  updateEmptyNotes();
  forgetTokenInAddress();
  window.addEventListener('hashchange', loadFolder);
  loadStatus();
  loadFolder();
  connectLive();
})();
