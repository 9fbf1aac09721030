export default definePageConfig({ navigationBarTitleText: '派遣' });
