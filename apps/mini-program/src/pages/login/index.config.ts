export default definePageConfig({ navigationBarTitleText: '登录与绑定' });
