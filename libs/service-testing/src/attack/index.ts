export * from './access-matrix';
export * from './documented-operations';
export * from './hostile-input';
export * from './raw-http';
export * from './attack-suite';
