// ECharts with only what the console draws: bar, line and pie charts on a canvas, and the zone's
// plan (an SVG map under a geo component) with shapes drawn on it and a visual map (载体's
// vacancy heat map).
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, CustomChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, TitleComponent, GeoComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, PieChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, GeoComponent, VisualMapComponent, CanvasRenderer])

export default echarts
