// The dashboard's charts: Apache ECharts (vendored under /lib/echarts, loaded from this host only) draws the options the
// page built in C#. The options stay readable for tests and assistive checks: on the element (data-options) and through
// window.windowCharts[id].getOption(). A data point with a "url" opens that filtered case list when clicked.
let loading = null;

function load() {
  if (window.echarts) {
    return Promise.resolve(window.echarts);
  }
  if (!loading) {
    loading = new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = '/lib/echarts/echarts.min.js';
      script.onload = function () { resolve(window.echarts); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  return loading;
}

export async function renderById(id, json) {
  const element = document.getElementById(id);
  if (!element) {
    return;
  }
  const echarts = await load();
  window.windowCharts = window.windowCharts || {};
  let chart = echarts.getInstanceByDom(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    chart.on('click', function (params) {
      if (params.data && params.data.url) {
        window.location.href = params.data.url;
      }
    });
    new ResizeObserver(function () { chart.resize(); }).observe(element);
  }
  chart.setOption(JSON.parse(json), true);
  window.windowCharts[element.id] = chart;
  element.setAttribute('data-rendered', 'true');
}

export function disposeById(id) {
  const element = document.getElementById(id);
  if (!element) {
    return;
  }
  const chart = window.echarts && window.echarts.getInstanceByDom(element);
  if (chart) {
    if (window.windowCharts) {
      delete window.windowCharts[element.id];
    }
    chart.dispose();
  }
}
