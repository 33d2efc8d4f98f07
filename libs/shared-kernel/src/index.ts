export * from './money';
export * from './partial-date';
