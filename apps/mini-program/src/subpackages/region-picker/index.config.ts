export default definePageConfig({ navigationBarTitleText: '选择生源地' });
