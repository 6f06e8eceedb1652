/** Makes an id for a create command sent without one; the handler passes it in so deciders stay pure. */
export type IdGenerator = () => string;
