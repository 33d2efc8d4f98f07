/**
 * jose, pinned to 5.x: it ships CommonJS beside ES modules, so the services and Jest both load it
 * with a plain require (jose 6 is ES modules only, which Jest on Node 20 cannot require).
 */
import * as jose from 'jose';

export { jose };
