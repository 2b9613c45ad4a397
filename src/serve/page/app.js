// vanban serve: the clerk's editor. No framework: the document is one object (`doc`), the
// form writes into it, the YAML tab is the same object as text, the server lays it out.
'use strict';

const $ = (s) => document.querySelector(s);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
};

const S = {
  kinds: [], schema: null, draft: null, doc: null, text: '', seq: 0, timer: null,
  tab: 'form', pageUrls: new Map(), diags: [], saved: '',
};

// ---- API ------------------------------------------------------------------------------
async function api(method, path, body, type) {
  const opts = { method, headers: {} };
  if (body !== undefined) { opts.body = body; opts.headers['Content-Type'] = type || 'application/yaml'; }
  const r = await fetch(path, opts);
  return r;
}
async function json(method, path, body) {
  const r = await api(method, path, body);
  const v = await r.json().catch(() => null);
  if (!r.ok) throw new Error(problemText(v) || ('HTTP ' + r.status));
  return v;
}
function problemText(v) {
  if (Array.isArray(v) && v.length) return v.map((d) => d.message + (d.hint ? ' — ' + d.hint : '')).join('\n');
  return '';
}

// ---- paths ----------------------------------------------------------------------------
function parts(path) { return (path.match(/[^.[\]]+/g) || []).map((p) => (/^\d+$/.test(p) ? Number(p) : p)); }
function getp(obj, path) {
  let o = obj;
  for (const p of parts(path)) { if (o === null || o === undefined) return undefined; o = o[p]; }
  return o;
}
function setp(obj, path, value) {
  const ps = parts(path);
  let o = obj;
  for (let i = 0; i < ps.length - 1; i++) {
    if (o[ps[i]] === undefined || o[ps[i]] === null || typeof o[ps[i]] !== 'object') o[ps[i]] = typeof ps[i + 1] === 'number' ? [] : {};
    o = o[ps[i]];
  }
  const last = ps[ps.length - 1];
  if (value === undefined) { if (Array.isArray(o)) o.splice(last, 1); else delete o[last]; } else o[last] = value;
}

// ---- YAML out -------------------------------------------------------------------------
const ORDER = {
  '': ['kind', 'profile', 'draft_mark', 'issuer', 'number', 'symbol', 'place', 'date', 'urgency', 'secrecy', 'title_line', 'subject', 'authority_line', 'bases', 'recipients', 'body', 'articles', 'tasks', 'signature', 'signatures', 'distribution', 'archive', 'drafter', 'copies', 'appendices'],
  issuer: ['parent', 'name', 'text'],
  signature: ['authority', 'for', 'title', 'name', 'other_post'],
  'signatures[]': ['authority', 'for', 'title', 'name', 'other_post'],
  'body[]': ['section', 'number', 'text', 'para', 'items', 'body', 'tasks', 'italic', 'bold', 'indent', 'align'],
  tasks: ['source', 'sheet', 'groups', 'items', 'deadline_in_body', 'appendix'],
  'items[]': ['group', 'content', 'lead', 'support', 'deadline', 'product', 'note', 'text', 'items'],
  'articles[]': ['title', 'text', 'body'],
  'appendices[]': ['title', 'landscape', 'body', 'table'],
};
function orderedKeys(obj, ctx) {
  const pref = ORDER[ctx] || [];
  const keys = Object.keys(obj);
  const rank = (k) => { const i = pref.indexOf(k); return i < 0 ? pref.length + keys.indexOf(k) : i; };
  return keys.sort((a, b) => rank(a) - rank(b));
}
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
function scalar(v) {
  if (v === null || v === undefined) return '~';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s === '') return '""';
  const plain = /^[\p{L}(“‘]/u.test(s) && !/[\n\t]|: |:$| #|^\s|\s$/.test(s) && !RESERVED.test(s);
  const digits = /^\d[\d/.,\- ]*$/.test(s) && /\//.test(s) && !/: | #/.test(s);
  return plain || digits ? s : JSON.stringify(s);
}
function isEmpty(v) { return v === null || v === undefined || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length); }
function yamlMap(obj, ind, ctx) {
  let out = '';
  for (const k of orderedKeys(obj, ctx)) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    const key = /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
    if (typeof v !== 'object') out += `${ind}${key}: ${scalar(v)}\n`;
    else if (isEmpty(v)) out += `${ind}${key}: ${Array.isArray(v) ? '[]' : '{}'}\n`;
    else if (Array.isArray(v)) out += `${ind}${key}:\n` + yamlSeq(v, ind + '  ', k + '[]');
    else out += `${ind}${key}:\n` + yamlMap(v, ind + '  ', k);
  }
  return out;
}
function yamlSeq(arr, ind, ctx) {
  let out = '';
  for (const v of arr) {
    if (v === null || typeof v !== 'object') out += `${ind}- ${scalar(v)}\n`;
    else if (isEmpty(v)) out += `${ind}- ${Array.isArray(v) ? '[]' : '{}'}\n`;
    else if (Array.isArray(v)) out += `${ind}-\n` + yamlSeq(v, ind + '  ', ctx);
    else out += ind + '- ' + yamlMap(v, ind + '  ', ctx).slice(ind.length + 2);
  }
  return out;
}
const toYaml = (doc) => yamlMap(doc, '', '');

// ---- field help (vanban schema) -------------------------------------------------------
function schemaAt(path) {
  const sc = S.schema;
  if (!sc) return null;
  const defs = sc.$defs || sc.definitions || {};
  const deref = (n) => {
    for (let i = 0; n && i < 8; i++) {
      if (n.$ref) n = defs[n.$ref.split('/').pop()];
      else if (!n.properties && !n.items && (n.anyOf || n.oneOf || n.allOf)) {
        const alts = n.anyOf || n.oneOf || n.allOf;
        n = alts.find((a) => a.$ref || a.properties || a.items) || alts[0];
      } else break;
    }
    return n;
  };
  let n = sc;
  let desc = null;
  for (const p of parts(path)) {
    const d = deref(n);
    if (!d) return desc;
    if (typeof p === 'number') { n = d.items || d; continue; }
    n = d.properties ? d.properties[p] : undefined;
    if (!n) return null;
    desc = n.description || (deref(n) || {}).description || null;
  }
  return desc;
}

// ---- form -----------------------------------------------------------------------------
function changed() {
  S.text = toYaml(S.doc);
  if (S.tab !== 'yaml') $('#yaml').value = S.text;
  schedule();
}
function labelFor(text, path) {
  const help = schemaAt(path);
  return el('label', {}, text, help ? el('span', { class: 'help', title: help, text: '?' }) : null);
}
function textField(label, path, opts = {}) {
  const v = getp(S.doc, path);
  const input = el(opts.area ? 'textarea' : 'input', {
    'data-field': path, placeholder: opts.placeholder, rows: opts.rows,
    oninput: (e) => {
      let val = e.target.value;
      if (!opts.keepEmpty && val.trim() === '') val = undefined;
      setp(S.doc, path, val);
      changed();
    },
  });
  input.value = v === undefined || v === null ? '' : String(v);
  return el('div', { class: 'field' }, labelFor(label, path), input);
}
function linesField(label, path, rows) {
  const v = getp(S.doc, path);
  const lines = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const plain = lines.every((x) => typeof x === 'string');
  const input = el('textarea', {
    'data-field': path, rows: rows || Math.max(2, lines.length), disabled: !plain,
    oninput: (e) => {
      const ls = e.target.value.split('\n').map((s) => s.trim()).filter((s) => s);
      setp(S.doc, path, ls.length ? ls : undefined);
      changed();
    },
  });
  input.value = plain ? lines.join('\n') : lines.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n');
  const box = el('div', { class: 'field' }, labelFor(label, path), input);
  if (!plain) box.append(el('div', { class: 'note', text: 'Có nhóm dòng: sửa trong tab YAML.' }));
  return box;
}
function selectField(label, path, options) {
  const v = getp(S.doc, path) || '';
  const sel = el('select', {
    'data-field': path,
    onchange: (e) => { setp(S.doc, path, e.target.value || undefined); changed(); if (path === 'kind') renderForm(); },
  }, ...options.map(([val, text]) => el('option', { value: val, text })));
  if (v && !options.some(([val]) => val === v)) sel.append(el('option', { value: v, text: v }));
  sel.value = v;
  return el('div', { class: 'field' }, labelFor(label, path), sel);
}
const row = (...f) => el('div', { class: 'row' }, ...f);
const box = (title, ...kids) => el('fieldset', {}, el('legend', { text: title }), ...kids);

function kindOf() { return S.kinds.find((k) => k.id === (S.doc && S.doc.kind)) || null; }

function renderForm() {
  const f = $('#tab-form');
  f.textContent = '';
  if (!S.doc || typeof S.doc !== 'object') {
    f.append(el('p', { class: 'note', text: 'Văn bản chưa đọc được: sửa trong tab YAML.' }));
    return;
  }
  const kind = kindOf();
  const d = S.doc;
  f.append(marksBar());
  f.append(box('Cơ quan ban hành, số, ngày',
    selectField('Loại văn bản', 'kind', S.kinds.map((k) => [k.id, `${k.name} (${k.id})`])),
    d.issuer && d.issuer.parent !== undefined ? linesField('Cơ quan chủ quản (mỗi dòng một dòng)', 'issuer.parent') : null,
    linesField('Cơ quan ban hành (mỗi dòng một dòng)', 'issuer.name'),
    textField('Tên cơ quan viết trong câu (cho phụ lục: “Kèm theo … của …”)', 'issuer.text', { placeholder: 'ví dụ: Ủy ban nhân dân huyện Hữu Lũng' }),
    row(textField('Số', 'number', { placeholder: 'để trống khi dự thảo', keepEmpty: true }), textField('Ký hiệu', 'symbol')),
    row(textField('Địa danh', 'place'), textField('Ngày', 'date', { placeholder: 'ví dụ 15/07/2024 hoặc 7/2024' })),
    row(selectField('Độ khẩn', 'urgency', [['', '—'], ['khan', 'Khẩn'], ['thuong-khan', 'Thượng khẩn'], ['hoa-toc', 'Hỏa tốc']]),
      selectField('Độ mật', 'secrecy', [['', '—'], ['mat', 'Mật'], ['toi-mat', 'Tối mật'], ['tuyet-mat', 'Tuyệt mật']]))));
  const needsRecipients = !kind || kind.recipients !== 'none' || d.recipients !== undefined;
  f.append(box('Trích yếu, Kính gửi',
    d.title_line !== undefined ? textField('Tên văn bản (dòng tiêu đề)', 'title_line') : null,
    textField(kind && kind.name === 'CÔNG VĂN' ? 'Trích yếu (sau “V/v”)' : 'Trích yếu', 'subject', { area: true, rows: 2 }),
    needsRecipients ? linesField('Kính gửi (mỗi dòng một nơi)', 'recipients') : null,
    (kind && kind.requires.includes('authority_line')) || d.authority_line !== undefined ? textField('Thẩm quyền ban hành', 'authority_line', { area: true, rows: 2 }) : null,
    d.bases !== undefined || (kind && kind.requires.includes('articles')) ? linesField('Căn cứ (mỗi dòng một căn cứ)', 'bases', 3) : null));
  f.append(bodyBox());
  if (d.articles !== undefined || (kind && kind.requires.includes('articles'))) f.append(articlesBox());
  f.append(tasksBox());
  f.append(signBox());
  f.append(box('Nơi nhận',
    linesField('Nơi nhận (mỗi dòng một nơi)', 'distribution', 3),
    textField('Lưu', 'archive')));
  f.append(appendicesBox());
  f.append(el('p', { class: 'note', text: 'Các trường ít dùng khác (ký hiệu người soạn, số bản, phụ lục có ô gộp…): sửa trong tab YAML.' }));
  showDiags();
}

// ---- marks: bold, italic, subscript digits in the field being edited ------------------
// The clerk selects words in any text field and presses a button; the field gets vanban's
// inline marks (docs: `**đậm**`, `*nghiêng*`) or the subscript digits themselves (NL₅), as
// if typed, so the form and the YAML tab stay the same document.
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const MARKS = {
  bold: (s) => `**${escapeStars(s)}**`,
  italic: (s) => `*${escapeStars(s)}*`,
  sub: (s) => s.replace(/[0-9]/g, (c) => SUB[Number(c)]),
};
// A star the clerk typed as a character (a bullet `* ` or one standing alone) is written
// `\*` so that it prints as a star inside the new marks.
function escapeStars(s) { return s.replace(/(^|\s)\*(?=\s|$)/g, '$1\\*'); }
function applyMark(kind) {
  const a0 = document.activeElement;
  const t = a0 && a0.closest && a0.closest('#tab-form') && (a0.tagName === 'TEXTAREA' || (a0.tagName === 'INPUT' && a0.type === 'text')) ? a0 : S.lastField;
  if (!t || !t.isConnected || typeof t.selectionStart !== 'number') { status('Bấm vào một ô và bôi đen chữ trước, rồi bấm nút.'); return; }
  let a = t.selectionStart;
  let b = t.selectionEnd;
  // Spaces at the edges of the selection stay outside the marks.
  while (a < b && /\s/.test(t.value[a])) a++;
  while (b > a && /\s/.test(t.value[b - 1])) b--;
  if (a === b) { status('Bôi đen chữ cần định dạng trước, rồi bấm nút.'); t.focus(); return; }
  const out = MARKS[kind](t.value.slice(a, b));
  t.value = t.value.slice(0, a) + out + t.value.slice(b);
  t.focus();
  t.setSelectionRange(a, a + out.length);
  t.dispatchEvent(new Event('input', { bubbles: true }));
}
function marksBar() {
  const b = (kind, text, title) => el('button', {
    type: 'button', 'data-mark': kind, title, text,
    onmousedown: (e) => e.preventDefault(), // keep the focus and the selection in the field
    onclick: () => applyMark(kind),
  });
  return el('div', { class: 'marks' },
    el('span', { text: 'Chữ đang chọn:' }),
    b('bold', 'B', 'Chữ đậm: bôi đen chữ trong ô rồi bấm (trong YAML: **chữ**)'),
    b('italic', 'I', 'Chữ nghiêng: bôi đen chữ trong ô rồi bấm (trong YAML: *chữ*)'),
    b('sub', 'x₂', 'Chữ số nhỏ dưới dòng, như trong ký hiệu NL₅: bôi đen chữ số rồi bấm'));
}

// ---- signatures -----------------------------------------------------------------------
const AUTH = [['', '—'], ['TM', 'TM.'], ['KT', 'KT.'], ['TL', 'TL.'], ['TUQ', 'TUQ.'], ['Q', 'Q.'], ['none', 'Người đứng đầu ký']];
function asList(v) { return Array.isArray(v) ? v.slice() : v === undefined || v === null || v === '' ? [] : [v]; }
function signCard(base, title, onRemove) {
  const s = getp(S.doc, base) || {};
  const auth = asList(s.authority);
  const fors = asList(s['for']);
  const stacked = auth.length > 1 || fors.length > 1;
  const write = (a, f) => {
    const sig = getp(S.doc, base) || {};
    const one = (l) => (l.length > 1 ? l : l.length ? l[0] : undefined);
    const a2 = a.map((x) => x || '');
    const f2 = f.map((x) => x || '');
    if (a2.length > 1 || f2.length > 1) { sig.authority = a2; sig['for'] = f2; } else {
      if (one(a2.filter((x) => x))) sig.authority = one(a2); else delete sig.authority;
      if (one(f2.filter((x) => x))) sig['for'] = one(f2); else delete sig['for'];
    }
    setp(S.doc, base, sig);
    changed();
  };
  const line = (k) => {
    const sel = el('select', { 'data-field': `${base}.authority${stacked ? `[${k}]` : ''}`, onchange: (e) => { const a = auth.slice(); a[k] = e.target.value; auth[k] = e.target.value; write(stacked ? [auth[0] || '', auth[1] || ''] : [a[0] || ''], stacked ? [fors[0] || '', fors[1] || ''] : [fors[0] || '']); } },
      ...AUTH.map(([v, t]) => el('option', { value: v, text: t })));
    if (auth[k] && !AUTH.some(([v]) => v === auth[k])) sel.append(el('option', { value: auth[k], text: auth[k] }));
    sel.value = auth[k] || '';
    const inp = el('input', { 'data-field': `${base}.for${stacked ? `[${k}]` : ''}`, placeholder: k ? 'ví dụ: CHỦ TỊCH' : 'ví dụ: ỦY BAN NHÂN DÂN', oninput: (e) => { fors[k] = e.target.value; write(stacked ? [auth[0] || '', auth[1] || ''] : [auth[0] || ''], stacked ? [fors[0] || '', fors[1] || ''] : [fors[0] || '']); } });
    inp.value = fors[k] || '';
    return row(el('div', { class: 'field' }, labelFor(k ? 'Quyền hạn dòng dưới' : 'Quyền hạn', 'signature.authority'), sel),
      el('div', { class: 'field' }, labelFor('Thay mặt / ký thay cho', 'signature.for'), inp));
  };
  const toggle = el('label', { class: 'check' }, el('input', {
    type: 'checkbox', 'data-field': `${base}.stacked`, checked: stacked || undefined,
    onchange: (e) => {
      // The line written so far goes under “TM. …” (the collective the signer acts for).
      if (e.target.checked) write(['TM', auth[0] && auth[0] !== 'TM' && auth[0] !== 'none' ? auth[0] : 'KT'], ['', fors[0] || '']);
      else write([auth[0] || ''], [fors[0] || '']);
      renderForm();
    },
  }), ' Hai dòng quyền hạn chồng nhau (ví dụ TM. Ủy ban nhân dân / KT. Chủ tịch)');
  const kids = [line(0), stacked ? line(1) : null, toggle,
    textField('Chức vụ', `${base}.title`), textField('Họ tên', `${base}.name`)];
  if (!onRemove) return el('div', { 'data-field': base }, ...kids);
  return el('div', { class: 'card', 'data-field': base },
    el('div', { class: 'head' }, el('span', { text: title }), el('button', { title: 'Bỏ người ký này', text: '✕', onclick: onRemove })), ...kids);
}
function signBox() {
  const d = S.doc;
  if (Array.isArray(d.signatures) && d.signatures.length) {
    const cards = d.signatures.map((_, i) => signCard(`signatures[${i}]`, `Người ký ${i + 1}${i === 0 ? ' (bên trái)' : i === 1 ? ' (bên phải)' : ''}`, () => {
      d.signatures.splice(i, 1);
      if (d.signatures.length === 1) { d.signature = d.signatures[0]; delete d.signatures; }
      changed(); renderForm();
    }));
    return box('Người ký', ...cards, el('div', { class: 'adds' }, d.signatures.length < 2 ? el('button', { text: '+ Người ký', onclick: () => { d.signatures.push({}); changed(); renderForm(); } }) : null));
  }
  return box('Người ký', signCard('signature'),
    el('div', { class: 'adds' }, el('button', {
      text: '+ Người ký thứ hai (ký cạnh nhau)', onclick: () => {
        d.signatures = [d.signature || {}, {}]; delete d.signature; changed(); renderForm();
      },
    })));
}

// ---- appendices -----------------------------------------------------------------------
function colTitle(c) { return c && typeof c === 'object' ? (c.title || '') : c === undefined || c === null ? '' : String(c); }
function simpleTable(t) {
  return t && Array.isArray(t.columns) && Array.isArray(t.rows || [])
    && (t.rows || []).every((r) => (Array.isArray(r) && r.every((c) => c === null || typeof c !== 'object')) || (r && typeof r === 'object' && !Array.isArray(r) && r.group !== undefined));
}
function tableEditor(path, t) {
  if (!simpleTable(t)) return el('div', { class: 'note', text: 'Bảng có ô gộp: sửa trong tab YAML.' });
  if (!t.rows) t.rows = [];
  const n = t.columns.length;
  const head = el('tr', {}, ...t.columns.map((c, j) => el('th', {}, (() => {
    const i = el('input', { 'data-field': `${path}.columns[${j}].title`, oninput: (e) => {
      if (typeof t.columns[j] === 'object' && t.columns[j]) t.columns[j].title = e.target.value; else t.columns[j] = { title: e.target.value };
      changed();
    } });
    i.value = colTitle(c);
    return i;
  })())), el('th', {}, el('button', { title: 'Thêm cột', text: '+', onclick: () => { t.columns.push({ title: '' }); t.rows.forEach((r) => { if (Array.isArray(r)) r.push(''); }); changed(); renderForm(); } })));
  const rows = t.rows.map((r, ri) => {
    const del = el('td', { class: 'x' }, el('button', { title: 'Xóa hàng', text: '✕', onclick: () => { t.rows.splice(ri, 1); changed(); renderForm(); } }));
    if (!Array.isArray(r)) {
      const i = el('input', { 'data-field': `${path}.rows[${ri}].group`, oninput: (e) => { r.group = e.target.value; changed(); } });
      i.value = r.group || '';
      return el('tr', { class: 'grp' }, el('td', { colspan: n }, i), del);
    }
    return el('tr', {}, ...Array.from({ length: n }, (_, ci) => {
      const i = el('input', { 'data-field': `${path}.rows[${ri}][${ci}]`, oninput: (e) => { r[ci] = e.target.value; changed(); },
        onpaste: (e) => { const txt = e.clipboardData.getData('text'); if (/[\t\n]/.test(txt.trim())) { e.preventDefault(); pasteTable(t, txt, ri, ci); } } });
      i.value = r[ci] === undefined || r[ci] === null ? '' : String(r[ci]);
      return el('td', {}, i);
    }), del);
  });
  const paste = el('textarea', { rows: 1, placeholder: 'Dán các hàng chép từ Excel vào đây', onpaste: (e) => { e.preventDefault(); pasteTable(t, e.clipboardData.getData('text'), t.rows.length, 0); } });
  return el('div', { 'data-field': `${path}` },
    el('table', { class: 'grid tbl' }, el('thead', {}, head), el('tbody', {}, ...rows)), paste,
    el('div', { class: 'adds' },
      el('button', { text: '+ Hàng', onclick: () => { t.rows.push(Array.from({ length: n }, () => '')); changed(); renderForm(); } }),
      el('button', { text: '+ Hàng tiêu đề nhóm', onclick: () => { t.rows.push({ group: '' }); changed(); renderForm(); } })));
}
function pasteTable(t, text, r0, c0) {
  const lines = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));
  const n = t.columns.length;
  lines.forEach((cells, k) => {
    const r = r0 + k;
    if (!Array.isArray(t.rows[r])) t.rows.splice(r, 0, Array.from({ length: n }, () => ''));
    cells.forEach((c, j) => { if (c0 + j < n) t.rows[r][c0 + j] = c.trim(); });
  });
  changed(); renderForm();
}
function appendicesBox() {
  const d = S.doc;
  const list = Array.isArray(d.appendices) ? d.appendices : [];
  const cards = list.map((a, i) => {
    const p = `appendices[${i}]`;
    const body = Array.isArray(a.body) ? a.body : [];
    const plain = body.every((x) => typeof x === 'string');
    return blockCard('appendices', i, list, `Phụ lục ${i + 1}`,
      textField('Tên phụ lục', `${p}.title`),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', 'data-field': `${p}.landscape`, checked: a.landscape || undefined, onchange: (e) => { if (e.target.checked) a.landscape = true; else delete a.landscape; changed(); } }), ' Trang nằm ngang (bảng rộng)'),
      plain ? el('div', { class: 'field' }, labelFor('Đoạn văn trước bảng (cách nhau một dòng trống)', 'appendices[0].body'), area(`${p}.body`, body.join('\n\n'), (v) => {
        const ps = v.split(/\n\s*\n/).map((x) => x.trim()).filter((x) => x);
        if (ps.length) a.body = ps; else delete a.body;
      }, 2)) : el('div', { class: 'note', text: 'Phụ lục có bảng xen giữa các đoạn: sửa trong tab YAML.' }),
      a.table ? tableEditor(`${p}.table`, a.table) : el('div', { class: 'adds' }, el('button', { text: '+ Bảng', onclick: () => { a.table = { columns: [{ title: 'TT', width: 0.6, align: 'center' }, { title: 'Nội dung', width: 5 }], rows: [['1', '']] }; changed(); renderForm(); } })));
  });
  return box('Phụ lục', el('p', { class: 'note', text: 'Phụ lục phân công nhiệm vụ tự có từ bảng nhiệm vụ; ở đây là các phụ lục khác.' }), ...cards,
    el('div', { class: 'adds' }, el('button', { text: '+ Phụ lục có bảng', onclick: () => {
      if (!Array.isArray(d.appendices)) d.appendices = [];
      d.appendices.push({ title: '', table: { columns: [{ title: 'TT', width: 0.6, align: 'center' }, { title: 'Nội dung', width: 5 }], rows: [['1', '']] } });
      changed(); renderForm();
    } })));
}

function blockCard(path, i, list, title, ...kids) {
  const move = (delta) => () => {
    const j = i + delta;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    changed(); renderForm();
  };
  return el('div', { class: 'card', 'data-field': `${path}[${i}]` },
    el('div', { class: 'head' }, el('span', { text: title }),
      el('button', { title: 'Lên', onclick: move(-1), text: '↑' }),
      el('button', { title: 'Xuống', onclick: move(1), text: '↓' }),
      el('button', { title: 'Xóa khối này', onclick: () => { list.splice(i, 1); changed(); renderForm(); }, text: '✕' })),
    ...kids);
}
function area(path, value, onset, rows) {
  const t = el('textarea', { 'data-field': path, rows: rows || 2, oninput: (e) => { onset(e.target.value); changed(); } });
  t.value = value;
  return t;
}
function bodyBox() {
  if (!Array.isArray(S.doc.body)) S.doc.body = S.doc.body ? [S.doc.body] : [];
  const body = S.doc.body;
  const cards = body.map((b, i) => {
    const p = `body[${i}]`;
    if (typeof b === 'string') return blockCard('body', i, body, 'Đoạn văn', area(p, b, (v) => { body[i] = v; }, 3));
    if (b && typeof b === 'object' && b.section !== undefined) {
      const sub = Array.isArray(b.body) ? b.body : [];
      const plain = sub.every((x) => typeof x === 'string');
      return blockCard('body', i, body, 'Mục',
        el('input', { 'data-field': `${p}.section`, value: b.section, oninput: (e) => { b.section = e.target.value; changed(); } }),
        plain ? area(`${p}.body`, sub.join('\n\n'), (v) => {
          const ps = v.split(/\n\s*\n/).map((s) => s.trim()).filter((s) => s);
          if (ps.length) b.body = ps; else delete b.body;
        }, 4) : el('div', { class: 'note', text: 'Mục có khối con: sửa trong tab YAML.' }));
    }
    if (b && typeof b === 'object' && Array.isArray(b.items) && b.items.every((x) => typeof x === 'string')) {
      return blockCard('body', i, body, 'Gạch đầu dòng (mỗi dòng một ý)', area(`${p}.items`, b.items.join('\n'), (v) => {
        b.items = v.split('\n').map((s) => s.trim()).filter((s) => s);
      }, 3));
    }
    if (b && typeof b === 'object' && b.tasks !== undefined) return blockCard('body', i, body, 'Các nhiệm vụ của bảng phân công (in vào đây)');
    return blockCard('body', i, body, 'Khối khác', el('div', { class: 'note', text: 'Sửa khối này trong tab YAML.' }));
  });
  const add = (v) => () => { body.push(v); changed(); renderForm(); };
  return box('Nội dung', el('div', { 'data-field': 'body' }, ...cards),
    el('div', { class: 'adds' },
      el('button', { onclick: add(''), text: '+ Đoạn' }),
      el('button', { onclick: add({ section: '' }), text: '+ Mục' }),
      el('button', { onclick: add({ items: [] }), text: '+ Gạch đầu dòng' }),
      el('button', { onclick: add({ tasks: 'all' }), text: '+ Bảng phân công' })));
}
function articlesBox() {
  if (!Array.isArray(S.doc.articles)) S.doc.articles = [];
  const arts = S.doc.articles;
  const cards = arts.map((a, i) => blockCard('articles', i, arts, `Điều ${i + 1}`,
    el('input', { 'data-field': `articles[${i}].title`, placeholder: 'Tên điều (nếu có)', value: a.title || '', oninput: (e) => { a.title = e.target.value || undefined; changed(); } }),
    a.body === undefined ? area(`articles[${i}].text`, a.text || '', (v) => { a.text = v || undefined; }, 3) : el('div', { class: 'note', text: 'Điều có khối con: sửa trong tab YAML.' })));
  return box('Các điều', ...cards, el('div', { class: 'adds' }, el('button', { onclick: () => { arts.push({ text: '' }); changed(); renderForm(); }, text: '+ Điều' })));
}

// ---- task table -----------------------------------------------------------------------
const COLS = [['content', 'Nội dung'], ['lead', 'Chủ trì'], ['support', 'Phối hợp'], ['deadline', 'Thời hạn'], ['product', 'Sản phẩm']];
function taskItems() {
  if (!S.doc.tasks || typeof S.doc.tasks !== 'object') S.doc.tasks = {};
  if (!Array.isArray(S.doc.tasks.items)) S.doc.tasks.items = [];
  return S.doc.tasks.items;
}
function tidyTasks() {
  const t = S.doc.tasks;
  if (t && Array.isArray(t.items) && !t.items.length) delete t.items;
  if (t && !Object.keys(t).length) delete S.doc.tasks;
}
// A grid cell as tall as its text (it must be in the page to be measured).
function fitCell(t) {
  if (!t.isConnected || !t.offsetParent) return;
  t.style.height = 'auto';
  t.style.height = `${t.scrollHeight}px`;
}
function cellText(v) { return Array.isArray(v) ? v.join('; ') : v === undefined || v === null ? '' : String(v); }
function setCell(item, key, text) {
  const s = text.trim();
  if (!s) delete item[key];
  else if (key === 'lead' || key === 'support') {
    const parts = s.split(/\s*;\s*/).filter((x) => x);
    item[key] = parts.length > 1 ? parts : parts[0];
  } else item[key] = s;
}
function roman(n) {
  const t = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, r] of t) while (n >= v) { out += r; n -= v; }
  return out;
}
function pasteRows(text, r0, c0, group) {
  const rows = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));
  // A heading row copied with the table (a cell that is a column's name, not a task's text).
  if (rows.length && rows[0].some((c) => /^(stt|tt|nội dung( nhiệm vụ)?|(cơ quan |đơn vị )?(chủ trì|phối hợp)|thời (hạn|gian hoàn thành)|sản phẩm)$/i.test(c.trim()))) rows.shift();
  const items = taskItems();
  rows.forEach((cells, k) => {
    const r = r0 + k;
    if (!items[r]) items[r] = group === undefined ? {} : { group };
    cells.forEach((c, j) => { const col = COLS[c0 + j]; if (col) setCell(items[r], col[0], c); });
  });
  tidyTasks(); changed(); renderForm();
}
// A group's opening paragraphs, printed under its heading before its tasks.
function groupIntro(g, gi) {
  const intro = Array.isArray(g.intro) ? g.intro : g.intro === undefined || g.intro === null ? [] : [g.intro];
  const plain = intro.every((x) => typeof x === 'string');
  const cell = el('td', { colspan: COLS.length + 1 });
  if (!plain) cell.append(el('div', { class: 'note', text: 'Đoạn mở đầu của nhóm có khối con: sửa trong tab YAML.' }));
  else {
    const help = schemaAt('tasks.groups[0].intro');
    const t = area(`tasks.groups[${gi}].intro`, intro.join('\n\n'), (v) => {
      const ps = v.split(/\n\s*\n/).map((x) => x.trim()).filter((x) => x);
      if (ps.length) g.intro = ps; else delete g.intro;
    }, intro.length ? 3 : 1);
    t.placeholder = 'Đoạn mở đầu của nhóm (nếu có)';
    t.title = (help ? help + ' ' : '') + 'Các đoạn cách nhau một dòng trống.';
    cell.append(t);
  }
  return el('tr', { class: 'grp-intro', 'data-group-intro': gi }, el('td', {}), cell);
}
function tasksBox() {
  const t = S.doc.tasks && typeof S.doc.tasks === 'object' ? S.doc.tasks : {};
  const items = Array.isArray(t.items) ? t.items : [];
  if (t.source !== undefined) {
    return box('Bảng phân công nhiệm vụ', el('p', { class: 'diag', text: `Bảng lấy từ tệp “${t.source}”: máy chủ không đọc tệp. Xóa dòng tasks.source trong tab YAML rồi dán các dòng của bảng vào đây.` }));
  }
  const head = el('tr', {}, el('th', { text: 'TT' }), ...COLS.map(([, n]) => el('th', { text: n })), el('th', {}));
  const groups = Array.isArray(t.groups) ? t.groups : [];
  const key = (v) => String(v === undefined || v === null ? '' : v).trim().toLowerCase();
  const groupOf = (it) => groups.findIndex((g) => key(g.id) === key(it.group) || key(g.title) === key(it.group));
  const taskRow = (it, r, n) => el('tr', { 'data-row': r },
    el('td', { class: 'n', text: String(n) }),
    ...COLS.map(([k], c) => {
      // A cell wraps its text and grows with it, so a clerk reads the whole task; Enter adds
      // no line (a task is one paragraph).
      const inp = el('textarea', {
        class: 'cell', rows: 1, 'data-field': `tasks.items[${r}].${k}`, 'data-r': r, 'data-c': c,
        oninput: (e) => { setCell(items[r], k, e.target.value); fitCell(e.target); changed(); },
        onkeydown: (e) => { if (e.key === 'Enter') e.preventDefault(); },
        onpaste: (e) => {
          const txt = (e.clipboardData || window.clipboardData).getData('text');
          if (/[\t\n]/.test(txt.trim())) { e.preventDefault(); pasteRows(txt, r, c); }
        },
      });
      inp.value = cellText(it[k]);
      requestAnimationFrame(() => fitCell(inp));
      return el('td', {}, inp);
    }),
    el('td', { class: 'x' }, el('button', { title: 'Xóa dòng', text: '✕', onclick: () => { items.splice(r, 1); tidyTasks(); changed(); renderForm(); } })));
  const body = [];
  let count = 0;
  // Tasks of no group (or of a group not declared) first, then each group's heading row and
  // its tasks, in the order the appendix prints them.
  items.forEach((it, r) => { if (!groups.length || groupOf(it) < 0) body.push(taskRow(it, r, ++count)); });
  groups.forEach((g, gi) => {
    const title = el('input', { 'data-field': `tasks.groups[${gi}].title`, placeholder: 'Tiêu đề nhóm, ví dụ: Ủy ban nhân dân các huyện, thành phố, thị xã:', oninput: (e) => { g.title = e.target.value; changed(); } });
    title.value = g.title || '';
    body.push(el('tr', { class: 'grp', 'data-group': gi },
      el('td', { class: 'n', text: roman(gi + 1) }),
      el('td', { colspan: COLS.length }, title),
      el('td', { class: 'x' }, el('button', {
        title: 'Xóa nhóm (các nhiệm vụ của nhóm ra ngoài nhóm)', text: '✕', onclick: () => {
          for (const it of items) if (groupOf(it) === gi) delete it.group;
          groups.splice(gi, 1);
          if (!groups.length) delete t.groups;
          changed(); renderForm();
        },
      }))));
    body.push(groupIntro(g, gi));
    items.forEach((it, r) => { if (groupOf(it) === gi) body.push(taskRow(it, r, ++count)); });
    body.push(el('tr', { class: 'grp-add' }, el('td', {}), el('td', { colspan: COLS.length + 1 }, el('button', {
      text: '+ Dòng vào nhóm này', onclick: () => {
        let at = -1;
        items.forEach((it, r) => { if (groupOf(it) === gi) at = r; });
        const item = { group: g.id, content: '' };
        if (at < 0) items.push(item); else items.splice(at + 1, 0, item);
        changed(); renderForm();
      },
    }))));
  });
  const table = el('table', { class: 'grid', 'data-field': 'tasks.items' },
    el('colgroup', {}, el('col', { class: 'n' }), el('col', { class: 'wide' }), el('col', {}), el('col', {}), el('col', {}), el('col', {}), el('col', { class: 'x' })),
    el('thead', {}, head), el('tbody', {}, ...body));
  const pasteBox = el('textarea', {
    id: 'task-paste', rows: 2, placeholder: 'Dán các dòng chép từ Excel vào đây (Nội dung, Chủ trì, Phối hợp, Thời hạn, Sản phẩm)',
    onpaste: (e) => {
      const txt = (e.clipboardData || window.clipboardData).getData('text');
      e.preventDefault(); pasteRows(txt, items.length, 0, groups.length ? groups[groups.length - 1].id : undefined);
    },
  });
  const appendix = t.appendix === undefined ? true : t.appendix;
  return box('Bảng phân công nhiệm vụ (dán từ Excel)',
    el('p', { class: 'note', text: 'Mỗi dòng một nhiệm vụ; nhiều cơ quan trong một ô cách nhau bằng dấu “;”. Ghi {thời hạn} trong nội dung để in thời hạn vào đúng chỗ đó. Có nhiệm vụ thì văn bản có Phụ lục phân công nhiệm vụ.' }),
    table, pasteBox,
    el('div', { class: 'adds' }, el('button', { text: '+ Dòng', onclick: () => { taskItems().push({ content: '' }); changed(); renderForm(); } }),
      el('button', { text: '+ Nhóm nhiệm vụ', onclick: () => {
        taskItems();
        const gs = Array.isArray(S.doc.tasks.groups) ? S.doc.tasks.groups : (S.doc.tasks.groups = []);
        let id = gs.length + 1;
        while (gs.some((g) => String(g.id) === String(id))) id++;
        gs.push({ id, title: '' });
        changed(); renderForm();
      } })),
    items.length ? el('label', { class: 'check' }, el('input', {
      type: 'checkbox', 'data-field': 'tasks.deadline_in_body', checked: t.deadline_in_body === false ? undefined : true,
      onchange: (e) => { taskItems(); if (e.target.checked) delete S.doc.tasks.deadline_in_body; else S.doc.tasks.deadline_in_body = false; changed(); },
    }), ' In thời hạn sau mỗi nhiệm vụ trong nội dung (bỏ chọn: thời hạn chỉ in trong phụ lục và ở chỗ nhiệm vụ ghi {thời hạn})',
    schemaAt('tasks.deadline_in_body') ? el('span', { class: 'help', title: schemaAt('tasks.deadline_in_body'), text: '?' }) : null) : null,
    items.length ? el('div', { class: 'field' }, labelFor('Tiêu đề phụ lục', 'tasks.appendix'), (() => {
      const inp = el('input', { 'data-field': 'tasks.appendix', placeholder: 'PHÂN CÔNG NHIỆM VỤ', oninput: (e) => { taskItems(); S.doc.tasks.appendix = e.target.value.trim() || undefined; changed(); } });
      inp.value = typeof appendix === 'string' ? appendix : '';
      return inp;
    })()) : null);
}

// ---- preview and diagnostics ----------------------------------------------------------
// The preview is asked for 150 ms after the last keystroke; the server answers with every
// page's hash, and the drawing only of the pages the editor does not have yet.
function schedule(delay = 150) {
  clearTimeout(S.timer);
  S.timer = setTimeout(preview, delay);
}
async function fetchPreview(text, full) {
  try {
    const headers = { 'Content-Type': 'application/yaml' };
    if (!full && S.pageUrls.size) headers['X-Vanban-Have'] = [...S.pageUrls.keys()].join(',');
    const r = await fetch('/api/preview', { method: 'POST', headers, body: text });
    const v = await r.json();
    if (!r.ok) return { pages: [], diagnostics: Array.isArray(v) ? v : [], data: null, ms: 0 };
    // A page whose drawing the editor no longer keeps: ask again for every drawing.
    if (!full && (v.pages || []).some((p) => p.svg === undefined && !S.pageUrls.has(p.hash))) return fetchPreview(text, true);
    return v;
  } catch (e) {
    $('#diag-bar').textContent = 'Không liên lạc được với máy chủ vanban: ' + e.message;
    $('#diag-bar').className = 'bad';
    return null;
  }
}
async function preview() {
  const seq = ++S.seq;
  const v = await fetchPreview(S.text);
  if (!v || seq !== S.seq) return;
  if (S.tab === 'yaml' && v.data && typeof v.data === 'object') S.doc = v.data;
  applyPreview(v);
}
function applyPreview(v) {
  S.diags = v.diagnostics || [];
  const got = v.pages || [];
  let sent = 0;
  for (const p of got) {
    if (p.svg === undefined || S.pageUrls.has(p.hash)) continue;
    S.pageUrls.set(p.hash, URL.createObjectURL(new Blob([p.svg], { type: 'image/svg+xml' })));
    sent++;
  }
  const pages = $('#pages');
  const imgs = [...pages.querySelectorAll('img.page')];
  got.forEach((p, i) => {
    const alt = `Trang ${i + 1}: ${p.text.replace(/\s+/g, ' ').trim()}`;
    let img = imgs[i];
    if (!img) { img = el('img', { class: 'page' }); pages.append(img); }
    if (img.dataset.hash !== p.hash) { img.src = S.pageUrls.get(p.hash) || ''; img.dataset.hash = p.hash; }
    img.alt = alt;
  });
  imgs.slice(got.length).forEach((img) => img.remove());
  // Keep the drawings of the pages shown and of the last few replaced (an answer may still
  // name them); free the others.
  const shown = new Set(got.map((p) => p.hash));
  const extra = [...S.pageUrls.keys()].filter((h) => !shown.has(h));
  for (const h of extra.slice(0, Math.max(0, extra.length - 32))) { URL.revokeObjectURL(S.pageUrls.get(h)); S.pageUrls.delete(h); }
  const errors = S.diags.filter((d) => d.severity === 'error').length;
  const warns = S.diags.length - errors;
  const bar = $('#diag-bar');
  bar.className = errors ? 'bad' : warns ? '' : 'ok';
  bar.textContent = `Kiểm tra: ${errors} lỗi, ${warns} cảnh báo · ${got.length} trang · cập nhật ${(v.ms / 1000).toFixed(2)} giây`;
  pages.dataset.count = String(got.length);
  pages.dataset.sent = String(sent);
  S.previews = (S.previews || 0) + 1;
  pages.dataset.previews = String(S.previews);
  showDiags();
}
function fieldElement(field) {
  if (!field) return null;
  let f = field;
  while (f) {
    const e = document.querySelector(`#tab-form [data-field="${CSS.escape(f)}"]`);
    if (e) return e;
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    if (cut <= 0) break;
    f = f.slice(0, cut);
  }
  return null;
}
function showDiags() {
  document.querySelectorAll('#tab-form .diag').forEach((e) => e.remove());
  document.querySelectorAll('#tab-form .has-diag').forEach((e) => e.classList.remove('has-diag'));
  const list = $('#diag-list');
  list.textContent = '';
  for (const d of S.diags) {
    const cls = d.severity === 'error' ? '' : 'warn';
    const where = d.field ? ` [${d.field}]` : d.line ? ` [dòng ${d.line}]` : '';
    const text = d.message + (d.hint ? ' — ' + d.hint : '');
    list.append(el('li', { class: cls, 'data-for': d.field || '', onclick: () => goTo(d), text: (d.severity === 'error' ? 'Lỗi: ' : 'Cảnh báo: ') + text + where }));
    const f = fieldElement(d.field);
    if (f) {
      f.classList.add('has-diag');
      const holder = f.closest('.field, .card, fieldset') || f.parentElement;
      holder.append(el('div', { class: 'diag ' + cls, 'data-diag-for': d.field, text: '⚠ ' + text }));
    }
  }
}
function goTo(d) {
  const f = fieldElement(d.field);
  if (f) {
    switchTab('form');
    f.scrollIntoView({ block: 'center' });
    if (f.focus) f.focus();
    return;
  }
  if (d.line) {
    switchTab('yaml');
    const t = $('#yaml');
    const lines = t.value.split('\n');
    const start = lines.slice(0, d.line - 1).join('\n').length + (d.line > 1 ? 1 : 0);
    t.focus();
    t.setSelectionRange(start, start + (lines[d.line - 1] || '').length);
  }
}

// ---- tabs -----------------------------------------------------------------------------
function switchTab(tab) {
  if (tab === S.tab) return;
  S.tab = tab;
  document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('on', b.dataset.tab === tab));
  $('#tab-form').hidden = tab !== 'form' || !S.draft;
  $('#tab-yaml').hidden = tab !== 'yaml' || !S.draft;
  $('#tab-history').hidden = tab !== 'history' || !S.draft;
  if (tab === 'form') renderForm();
  if (tab === 'yaml') $('#yaml').value = S.text;
  if (tab === 'history') loadVersions();
}

// ---- drafts ---------------------------------------------------------------------------
function when(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}
function kindName(id) { const k = S.kinds.find((x) => x.id === id); return k ? k.name.charAt(0) + k.name.slice(1).toLowerCase() : id; }
async function loadList() {
  const list = await json('GET', '/api/drafts');
  const ul = $('#drafts');
  ul.textContent = '';
  for (const d of list) {
    const li = el('li', { 'data-id': d.id, class: S.draft && S.draft.id === d.id ? 'on' : null, onclick: () => openDraft(d.id) },
      el('span', { class: 't', text: d.title }),
      el('span', { class: 'm', text: `${kindName(d.kind)} · ${d.date || 'chưa có ngày'} · sửa ${when(d.changed)}` }),
      el('span', { class: 'b' },
        el('button', { text: 'Nhân bản', onclick: (e) => { e.stopPropagation(); duplicate(d.id); } }),
        el('button', { text: 'Xóa', onclick: (e) => { e.stopPropagation(); remove(d); } })));
    ul.append(li);
  }
}
function load(v, note) {
  S.draft = { id: v.id, version: v.version, title: v.title, kind: v.kind };
  S.text = v.text;
  S.saved = v.text;
  $('#yaml').value = v.text;
  $('#empty').hidden = true;
  for (const b of document.querySelectorAll('#top button')) b.disabled = false;
  S.doc = null;
  S.tab = '';
  switchTab('form');
  status(note || `${kindName(v.kind)} · đã lưu ${when(v.saved)} (phiên bản ${v.version})`);
  return parseAndShow();
}
async function parseAndShow() {
  // The server reads the YAML (the one reader of vanban) and gives back its data and pages.
  const seq = ++S.seq;
  const v = await fetchPreview(S.text);
  if (!v || seq !== S.seq) return;
  S.doc = v.data && typeof v.data === 'object' ? v.data : null;
  renderForm();
  applyPreview(v);
}
function status(t) { $('#status').textContent = t; }
async function openDraft(id) {
  const v = await json('GET', `/api/drafts/${id}`);
  await load(v);
  loadList();
}
async function createFrom(text) {
  const v = await json('POST', '/api/drafts', text);
  await openDraft(v.id);
}
async function duplicate(id) {
  const v = await json('GET', `/api/drafts/${id}`);
  await createFrom(v.text);
}
// Delete at once, with an undo (the server keeps a deleted draft until vanban stops).
async function remove(d) {
  const r = await api('DELETE', `/api/drafts/${d.id}`).catch(() => null);
  if (!r || !r.ok) {
    const v = r ? await r.json().catch(() => null) : null;
    status('Không xóa được: ' + (problemText(v) || (r ? 'HTTP ' + r.status : 'mất liên lạc với máy chủ')));
    return;
  }
  const wasOpen = !!(S.draft && S.draft.id === d.id);
  if (wasOpen) closeEditor();
  loadList();
  const bar = $('#undo');
  bar.querySelector('span').textContent = `Đã xóa “${d.title}”.`;
  bar.querySelector('button.undo').onclick = async () => {
    bar.hidden = true;
    const v = await json('POST', `/api/drafts/${d.id}/restore`).catch((e) => { status('Không lấy lại được: ' + e.message); return null; });
    if (!v) return;
    if (wasOpen) await openDraft(d.id); else loadList();
    status(`Đã lấy lại “${d.title}” cùng mọi phiên bản`);
  };
  bar.querySelector('button.close').onclick = () => { bar.hidden = true; };
  bar.hidden = false;
}
function closeEditor() {
  clearTimeout(S.timer); S.seq++;
  S.draft = null; S.doc = null; S.text = ''; S.saved = ''; S.diags = [];
  for (const t of ['#tab-form', '#tab-yaml', '#tab-history']) $(t).hidden = true;
  $('#empty').hidden = false;
  for (const b of document.querySelectorAll('#top button')) b.disabled = true;
  $('#pages').textContent = '';
  $('#pages').dataset.count = '0';
  $('#diag-list').textContent = '';
  $('#diag-bar').className = '';
  $('#diag-bar').textContent = 'Xem trước trang in';
  status('Chưa mở văn bản nào');
}
async function save() {
  if (!S.draft) return;
  try {
    const v = await json('PUT', `/api/drafts/${S.draft.id}`, S.text);
    S.draft.version = v.version;
    S.saved = v.text;
    status(`${kindName(v.kind)} · đã lưu ${when(v.saved)} (phiên bản ${v.version})`);
    loadList();
    if (S.tab === 'history') loadVersions();
  } catch (e) { alert('Không lưu được: ' + e.message); }
}
async function loadVersions() {
  if (!S.draft) return;
  const ul = $('#versions');
  ul.textContent = '';
  const list = await json('GET', `/api/drafts/${S.draft.id}/versions`);
  for (const v of list) {
    ul.append(el('li', { 'data-version': v.version, onclick: () => openVersion(v.version) },
      el('b', { text: `Phiên bản ${v.version}` }), ` · ${when(v.saved)} · ${v.title}`));
  }
}
async function openVersion(n) {
  const v = await json('GET', `/api/drafts/${S.draft.id}/versions/${n}`);
  load(v, `Đang xem phiên bản ${n} (lưu ${when(v.saved)}) — bấm Lưu để lấy nó làm bản mới nhất`);
}

// ---- downloads ------------------------------------------------------------------------
function fileStem() {
  const s = (S.doc && (S.doc.subject || S.doc.kind)) || 'van-ban';
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'van-ban';
}
function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
async function exportAs(format) {
  const r = await api('POST', `/api/render?format=${format}`, S.text);
  if (!r.ok) {
    const v = await r.json().catch(() => null);
    if (Array.isArray(v)) { S.diags = v; showDiags(); }
    $('#diag-bar').className = 'bad';
    $('#diag-bar').textContent = `Không tạo được ${format.toUpperCase()}: văn bản còn lỗi (xem danh sách bên dưới).`;
    return;
  }
  const ext = format === 'docx' ? 'docx' : 'pdf';
  download(await r.blob(), `${fileStem()}${format === 'pdfa' ? '-pdfa' : ''}.${ext}`);
}

async function exportZip() {
  const r = await api('POST', `/api/extracts?name=${encodeURIComponent(fileStem())}`, S.text);
  if (!r.ok) {
    const v = await r.json().catch(() => null);
    if (Array.isArray(v)) { S.diags = v; showDiags(); }
    $('#diag-bar').className = 'bad';
    $('#diag-bar').textContent = 'Không tạo được bản trích theo đơn vị: ' + (problemText(v) || ('HTTP ' + r.status));
    return;
  }
  download(await r.blob(), `${fileStem()}-theo-don-vi.zip`);
}

// ---- files opened from disk -----------------------------------------------------------
// The browser reads the file and sends its bytes: the server never opens a path.
async function openFile(file) {
  if (!file) return;
  const r = await fetch(`/api/open?name=${encodeURIComponent(file.name)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: await file.arrayBuffer(),
  }).catch((e) => { status('Không gửi được tệp: ' + e.message); return null; });
  if (!r) return;
  const v = await r.json().catch(() => null);
  const diags = Array.isArray(v) ? v : (v && v.diagnostics) || [];
  if (v && v.type === 'document' && v.data && typeof v.data === 'object') {
    await createFrom(v.format === 'yaml' && v.text ? v.text : toYaml(v.data));
    status(`Đã mở “${file.name}” thành bản nháp mới`);
    return;
  }
  if (v && v.type === 'tasks') {
    if (!S.draft) {
      const k = S.kinds.find((x) => x.id === 'cong-van');
      if (k) await createFrom(k.example);
    }
    if (!S.doc || typeof S.doc !== 'object') { status('Mở một văn bản trước, rồi mở bảng nhiệm vụ.'); return; }
    const keep = S.doc.tasks && typeof S.doc.tasks === 'object' ? S.doc.tasks : {};
    delete keep.source; delete keep.sheet;
    S.doc.tasks = Object.assign({}, keep, { groups: v.tasks.groups, items: v.tasks.items });
    if (!v.tasks.groups) delete S.doc.tasks.groups;
    if (!Array.isArray(S.doc.body)) S.doc.body = S.doc.body ? [S.doc.body] : [];
    if (!JSON.stringify(S.doc.body).includes('"tasks"')) S.doc.body.push({ tasks: 'all' });
    changed(); renderForm();
    status(`Đã đưa ${v.count} nhiệm vụ từ “${file.name}” vào bảng phân công (bấm Lưu để giữ)`);
    return;
  }
  // Refused: the same messages as the command line, with the sheet, row and cell.
  S.diags = diags;
  const bar = $('#diag-bar');
  bar.className = 'bad';
  bar.textContent = `Không mở được tệp “${file.name}”: ${diags.length} lỗi (xem danh sách bên dưới).`;
  const list = $('#diag-list');
  list.textContent = '';
  for (const d of diags) list.append(el('li', { class: 'err', text: `Lỗi: ${d.message}${d.hint ? ' — ' + d.hint : ''}${d.line ? ` (dòng ${d.line})` : ''}` }));
  status(`Không mở được “${file.name}”`);
}

// ---- start ----------------------------------------------------------------------------
async function start() {
  [S.kinds, S.schema] = await Promise.all([json('GET', '/api/kinds'), json('GET', '/api/schema')]);
  const sel = $('#new-kind');
  for (const k of S.kinds) sel.append(el('option', { value: k.id, text: `${kindName(k.id)}${k.system === 'party' ? ' (Đảng)' : ''}` }));
  $('#new').onclick = () => { $('#new-box').hidden = !$('#new-box').hidden; };
  $('#new-create').onclick = () => {
    const k = S.kinds.find((x) => x.id === sel.value);
    if (k) { $('#new-box').hidden = true; createFrom(k.example); }
  };
  document.querySelectorAll('.tabs button').forEach((b) => { b.onclick = () => switchTab(b.dataset.tab); });
  window.addEventListener('resize', () => document.querySelectorAll('#tab-form textarea.cell').forEach(fitCell));
  $('#tab-form').addEventListener('focusin', (e) => {
    const t = e.target;
    if (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && (t.type === 'text' || t.type === ''))) S.lastField = t;
  });
  $('#yaml').addEventListener('input', (e) => { S.text = e.target.value; schedule(); });
  $('#save').onclick = save;
  $('#dl-yaml').onclick = () => download(new Blob([S.text], { type: 'application/yaml' }), `${fileStem()}.yaml`);
  $('#dl-pdf').onclick = () => exportAs('pdf');
  $('#dl-docx').onclick = () => exportAs('docx');
  $('#dl-pdfa').onclick = () => exportAs('pdfa');
  $('#dl-zip').onclick = exportZip;
  $('#open').onclick = () => $('#open-file').click();
  $('#open-file').addEventListener('change', (e) => { const f = e.target.files[0]; e.target.value = ''; openFile(f); });
  document.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); } });
  window.addEventListener('beforeunload', (e) => { if (S.draft && S.text !== S.saved) { e.preventDefault(); e.returnValue = ''; } });
  await loadList();
  document.body.dataset.ready = '1';
}
start().catch((e) => { status('Lỗi: ' + e.message); });
