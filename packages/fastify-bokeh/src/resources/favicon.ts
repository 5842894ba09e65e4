/** Our own small icon (three overlapping circles), so browsers' automatic favicon request does not 404. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="11" cy="12" r="8" fill="#1f77b4" fill-opacity="0.8"/><circle cx="21" cy="12" r="8" fill="#ff7f0e" fill-opacity="0.8"/><circle cx="16" cy="21" r="8" fill="#2ca02c" fill-opacity="0.8"/></svg>`;
