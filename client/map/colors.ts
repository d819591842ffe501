/** The map's fixed colours (the choropleth ramps are in map/measures.ts). */
export const COLORS = {
  sea: '#dce8ef',
  neighbour: '#ecebe6',
  neighbourLine: '#c9c7bf',
  thailand: '#f7f6f2',
  outline: '#4d4d4d',
  suppressed: '#cfcfcf',
  noData: '#e8e8e8',
  hover: '#111111',
  selected: '#0b3d91',
  crossed: '#1a1a1a',
  /** The areas while an overlay with colours of its own is drawn over them (night lights). */
  underOverlay: '#f3f2ee',
};
