/** Chart colours: distinguishable, and readable on white. */
export const PALETTE = ['#2563eb', '#0d9488', '#d97706', '#7c3aed', '#db2777', '#65a30d'];
