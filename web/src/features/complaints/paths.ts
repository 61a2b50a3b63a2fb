/** The complaint's own page: a link to it can be shared. */
export const complaintPath = (c: { customerId: number; complaintId: number }) => `/complaints/${c.customerId}/${c.complaintId}`;
