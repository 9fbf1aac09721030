export default definePageConfig({ navigationBarTitleText: '签约通知' });
