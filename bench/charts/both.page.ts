// Both charts, for their size together.
import '../../packages/elements/src/cohort-gauge/cohort-gauge.js';
import '../../packages/elements/src/trend-chart/trend-chart.js';
