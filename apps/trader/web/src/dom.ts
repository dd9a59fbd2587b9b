/**
 * Small DOM helpers. Text always goes in through `textContent`, never as HTML, so nothing a server
 * or a broker sends can inject markup.
 */

type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | number | null | undefined;

/** Creates an element with attributes (`class`, `data-*`, ...) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "object" ? child : String(child));
  }
  return node;
}

/** The element with this id, typed; throws when the page lacks it (a build mistake). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`missing #${id} in index.html`);
  return node as T;
}

/** The first `tbody` of a table. */
export function tbodyOf(tableId: string): HTMLTableSectionElement {
  const body = byId<HTMLTableElement>(tableId).tBodies[0];
  if (body === undefined) throw new Error(`#${tableId} has no tbody`);
  return body;
}

/** Replaces the rows of a table body; an empty list shows `emptyText` across `columns`. */
export function fillRows(
  body: HTMLTableSectionElement,
  rows: readonly HTMLTableRowElement[],
  columns: number,
  emptyText: string,
): void {
  if (rows.length === 0) {
    body.replaceChildren(el("tr", {}, el("td", { class: "empty", colspan: columns }, emptyText)));
    return;
  }
  body.replaceChildren(...rows);
}
