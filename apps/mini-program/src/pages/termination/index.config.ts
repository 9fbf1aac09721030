export default definePageConfig({ navigationBarTitleText: '解除就业协议申请' });
