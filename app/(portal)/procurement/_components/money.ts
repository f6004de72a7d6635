const eur = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" });
export const money = (cents: number) => eur.format(cents / 100);
