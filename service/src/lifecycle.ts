/** Where the process is in its life, as the probes report it. */
export enum Phase {
  Serving = 'serving',
  Draining = 'draining',
}

/**
 * The one piece of state shared by the probes and the shutdown: once a stop
 * begins, `/readyz` answers 503 so that a load balancer sends no more work.
 */
export class Lifecycle {
  #phase = Phase.Serving;

  get phase(): Phase {
    return this.#phase;
  }

  get isReady(): boolean {
    return this.#phase === Phase.Serving;
  }

  beginDraining(): void {
    this.#phase = Phase.Draining;
  }
}
