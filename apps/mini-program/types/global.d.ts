/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Set at build time (config/index.ts): the gateway's origin; empty when served by the gateway. */
declare const API_BASE_URL: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_ID: string;
  }
}
