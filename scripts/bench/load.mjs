// Loads one URL with autocannon for a bounded time and prints one line:
// requests per second (mean), p99 latency in ms, errors, non-2xx answers,
// and the requests sent in all.
//   node load.mjs URL SECONDS CONNECTIONS
import autocannon from 'autocannon';

const [url, seconds = '8', connections = '50'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node load.mjs URL [SECONDS] [CONNECTIONS]');
  process.exit(2);
}

const result = await autocannon({
  url,
  duration: Number(seconds),
  connections: Number(connections),
});
const { requests, latency, errors, timeouts, non2xx } = result;
console.log(
  `${requests.average} ${latency.p99} ${errors + timeouts} ${non2xx} ` +
    `${requests.total}`,
);
