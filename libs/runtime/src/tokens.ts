/** Injection token for the app's resolved topic names (`Topics` from @app/contracts). */
export const TOPICS = Symbol('TOPICS');
