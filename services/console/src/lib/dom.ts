/**
 * A few lines instead of a UI framework: elements are built with `h` and text is always set as
 * text (never parsed as HTML), so nothing a file or the API returns can inject markup, and no
 * inline script or style is needed (the console runs under a strict Content-Security-Policy).
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = String(value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let ids = 0;
/** A unique id, to tie a label to its control. */
export const uid = (prefix: string): string => `${prefix}-${++ids}`;

/** A labelled form control: the label names it for assistive technology and for tests. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  control.id ||= uid('f');
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint ? h('small', { id: hintId, class: 'muted' }, hint) : null,
  );
}

export function select(
  options: readonly (string | { value: string; label: string })[],
  value: string,
  attrs: Attrs = {},
): HTMLSelectElement {
  const element = h('select', attrs);
  for (const option of options) {
    const { value: v, label } =
      typeof option === 'string' ? { value: option, label: option } : option;
    element.append(h('option', { value: v, selected: v === value }, label));
  }
  return element;
}

/** A table from rows; `cells` turns one row into its cells. */
export function table<T>(
  caption: string,
  headings: readonly string[],
  rows: readonly T[],
  cells: (row: T) => Child[],
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h('tr', {}, h('td', { colspan: headings.length, class: 'muted' }, 'Nothing yet.'))
          : rows.map((row) =>
              h(
                'tr',
                {},
                cells(row).map((c) => h('td', {}, c)),
              ),
            ),
      ),
    ),
  );
}

/** A message in a live region, so screen readers announce it. */
export function notice(
  kind: 'error' | 'info' | 'success',
  ...text: (Child | Child[])[]
): HTMLElement {
  return h(
    'div',
    { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    ...text,
  );
}

export const formatNumber = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString('en-GB', { maximumFractionDigits: digits });

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Previous and next buttons over the API's keyset cursors. `cursors` is the stack of the pages
 * shown so far (its last entry the current page's cursor, `undefined` for the first page); a
 * click moves on it and calls `show` to load that page.
 */
export function pagerButtons(
  cursors: (string | undefined)[],
  nextCursor: string | null,
  show: () => unknown,
  noun = 'page',
): HTMLButtonElement[] {
  const button = (label: string, disabled: boolean, move: () => void) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        disabled,
        onclick: () => {
          move();
          void show();
        },
      },
      label,
    );
  return [
    button(`Previous ${noun}`, cursors.length <= 1, () => cursors.pop()),
    button(`Next ${noun}`, !nextCursor, () => cursors.push(nextCursor ?? undefined)),
  ];
}
