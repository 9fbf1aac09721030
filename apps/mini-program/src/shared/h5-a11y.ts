/**
 * H5 only. Taro's H5 form components are custom elements (<taro-input-core>) that wrap the native
 * <input>/<textarea>/<img>; an `ariaLabel` given to <Input> lands on the wrapper, so screen readers
 * (and tests finding fields by label) see an unlabelled control. This moves the label onto the
 * native control whenever such a field appears.
 */
const HOSTS =
  'taro-input-core[aria-label], taro-textarea-core[aria-label], taro-image-core[aria-label]';

function relabel(root: ParentNode): void {
  root.querySelectorAll(HOSTS).forEach((host) => {
    const control = host.querySelector('input, textarea, img');
    const label = host.getAttribute('aria-label');
    if (!control || !label) return;
    control.setAttribute(control.tagName === 'IMG' ? 'alt' : 'aria-label', label);
    host.removeAttribute('aria-label');
  });
}

export function labelNativeControls(): void {
  relabel(document);
  new MutationObserver(() => relabel(document)).observe(document.body, {
    childList: true,
    subtree: true,
  });
}
