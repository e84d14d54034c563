// How the trends pages write figures.
export const twoDecimals = (value: number) => value.toFixed(2);
export const percent = (share: number) => `${Math.round(share * 100)}%`;
