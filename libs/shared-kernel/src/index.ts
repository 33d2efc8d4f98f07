export * from './money';
export * from './partial-date';
export * from './period';
export * from './month-span';
