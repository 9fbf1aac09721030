export const GATEWAY_ENV = Symbol('netsign:gateway-env');
