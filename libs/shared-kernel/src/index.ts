export * from './money';
export * from './partial-date';
export * from './period';
