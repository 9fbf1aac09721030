export default defineAppConfig({
  pages: [
    'pages/dispatch/index',
    'pages/login/index',
    'pages/source-info/index',
    'pages/positions/index',
    'pages/resume/index',
    'pages/interviews/index',
    'pages/offers/index',
    'pages/messages/index',
    'pages/mine/index',
    'pages/qr-card/index',
    'pages/agreements/index',
    'pages/termination/index',
  ],
  // 选择生源地 carries the GB/T 2260 table (~65 KB of source): a subpackage, off the main package.
  subPackages: [{ root: 'subpackages/region-picker', pages: ['index'] }],
  window: {
    navigationBarTitleText: '毕业生网签',
    navigationBarBackgroundColor: '#1a6fd6',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#1a6fd6',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/dispatch/index', text: '派遣' },
      { pagePath: 'pages/positions/index', text: '岗位' },
      { pagePath: 'pages/messages/index', text: '消息' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
});
