/** The parts of autocannon 9 the generator uses (the package ships no types; @types/autocannon describes v7). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request<C extends object> {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: Request<C>, context: C) => Request<C>;
      onResponse?: (status: number, body: string, context: C) => void;
    }

    interface Options<C extends object = object> {
      url: string;
      connections?: number;
      duration?: number;
      method?: string;
      headers?: Record<string, string>;
      requests?: Request<C>[];
    }

    /** A histogram's summary: mean, extremes and percentiles (`p99_9` is p99.9). */
    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
      p99_9: number;
    }

    interface Result {
      requests: Stats;
      latency: Stats;
      throughput: Stats;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
      duration: number;
    }
  }

  function autocannon<C extends object = object>(options: autocannon.Options<C>): Promise<autocannon.Result>;
  export = autocannon;
}
