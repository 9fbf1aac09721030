export const IDENTITY_ENV = Symbol('netsign:identity-env');
