export default definePageConfig({ navigationBarTitleText: '面试邀请' });
