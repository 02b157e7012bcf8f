// The few DOM helpers every page uses: words by their path in STRINGS, and elements built in one call.
import { STRINGS } from '/app/strings.js';

/** The words at a dotted path of STRINGS ('detail.close' → '关闭'). */
export function text(path) {
  return path.split('.').reduce((at, key) => at?.[key], STRINGS);
}

/** An element with attributes (className, data-*, or properties) and children (nodes or text). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'className') node.className = value;
    else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'role') node.setAttribute(name, value);
    else node[name] = value;
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  }
  return node;
}

/** Fills every [data-text] element of the page with its words. */
export function fillTexts(root = document) {
  for (const node of root.querySelectorAll('[data-text]')) {
    node.textContent = text(node.dataset.text);
  }
}
