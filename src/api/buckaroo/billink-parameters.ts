/**
 * The Billink service's parameters (seed 003, spec buckaroo.md §4.2) mapped onto the core's order
 * input: Article groups become order lines, BillingCustomer the customer, ShippingCustomer the
 * delivery address. Names and group types are matched case-insensitively.
 */
import type { OrderInput } from '../../core/orders/place-order.js';
import type { LineInput } from '../../core/orders/order-lines.js';
import type { ServiceParameter } from './request-body.js';

type Group = Map<string, string | undefined>;

export interface BillinkParameters {
  articles: Group[];
  billing: Group;
  shipping: Group;
  top: Group;
}

/**
 * Article parameters are grouped by GroupID. The Node SDK's Capture sends them without one (§4.2),
 * so without GroupID a new article starts whenever a name repeats.
 */
export function groupParameters(parameters: readonly ServiceParameter[]): BillinkParameters {
  const byId = new Map<string, Group>();
  const articles: Group[] = [];
  const billing: Group = new Map();
  const shipping: Group = new Map();
  const top: Group = new Map();
  for (const parameter of parameters) {
    const name = parameter.name.toLowerCase();
    const groupType = parameter.groupType?.toLowerCase();
    if (groupType === 'article') {
      let group = parameter.groupId === undefined ? articles.at(-1) : byId.get(parameter.groupId);
      if (!group || (parameter.groupId === undefined && group.has(name))) {
        group = new Map();
        articles.push(group);
        if (parameter.groupId !== undefined) byId.set(parameter.groupId, group);
      }
      group.set(name, parameter.value);
    } else if (groupType === 'billingcustomer') {
      billing.set(name, parameter.value);
    } else if (groupType === 'shippingcustomer') {
      shipping.set(name, parameter.value);
    } else {
      top.set(name, parameter.value);
    }
  }
  return { articles, billing, shipping, top };
}

/**
 * Salutation is documented as Male / Female / Unknown, but the Node SDK's own tests send `Mr.`
 * (§4.2), so the usual English and Dutch forms are read too; anything else is "unknown" (O).
 */
function sexOf(salutation: string | undefined): string | undefined {
  if (salutation === undefined) return undefined;
  const word = salutation.toLowerCase().replace(/\.$/, '');
  if (['male', 'mr', 'mister', 'm', 'dhr', 'de heer', 'heer'].includes(word)) return 'M';
  if (['female', 'mrs', 'ms', 'miss', 'f', 'v', 'mevr', 'mevrouw', 'mw'].includes(word)) return 'V';
  return 'O';
}

/**
 * Category is documented with default B2B; a request without it but with a birth date and no
 * CareOf is a person, which is what the Node SDK's `PERSON` sends anyway (docs/buckaroo.md).
 */
function customerType(billing: Group): string {
  const category = billing.get('category')?.toUpperCase();
  if (category === 'B2C' || category === 'PERSON') return 'P';
  if (category === 'B2B' || category === 'COMPANY') return 'B';
  if (category !== undefined) return category;
  return billing.get('careof') && !billing.get('birthdate') ? 'B' : 'P';
}

/** BirthDate is a "datetime": `01-01-1990`, `1990-01-01` or `1990-01-01T00:00:00` all name the day. */
function birthDay(value: string | undefined): string | undefined {
  return value?.replace(/[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
}

export function orderInput(parameters: BillinkParameters, clientIp: string | undefined): Omit<OrderInput, 'orderNumber' | 'currency'> {
  const { billing, shipping, top, articles } = parameters;
  const type = customerType(billing);
  const business = type === 'B';
  const items: LineInput[] = articles.map((article) => ({
    code: article.get('identifier'),
    description: article.get('description'),
    quantity: article.get('quantity'),
    priceInclusive: article.get('grossunitpriceincl'),
    priceExclusive: article.get('grossunitpriceincl') === undefined ? article.get('grossunitpriceexcl') : undefined,
    vat: article.get('vatpercentage'),
  }));
  return {
    type,
    firstName: billing.get('firstname'),
    initials: billing.get('initials'),
    lastName: billing.get('lastname'),
    sex: sexOf(billing.get('salutation')),
    birthDate: birthDay(billing.get('birthdate')),
    email: billing.get('email'),
    phone: billing.get('mobilephone'),
    // CareOf carries the company name for B2B (seed 003); for a person it is only a c/o line.
    companyName: business ? billing.get('careof') : undefined,
    chamberOfCommerce: business ? billing.get('chamberofcommerce') : undefined,
    // The docs' own example sends VATNumber "2" for a private customer: only a business's counts.
    vatNumber: business ? top.get('vatnumber') : undefined,
    street: billing.get('street'),
    houseNumber: billing.get('streetnumber'),
    houseExtension: billing.get('streetnumberadditional'),
    postalCode: billing.get('postalcode'),
    city: billing.get('city'),
    countryCode: billing.get('country'),
    ip: clientIp,
    delivery:
      shipping.size > 0
        ? {
            street: shipping.get('street'),
            houseNumber: shipping.get('streetnumber'),
            houseExtension: shipping.get('streetnumberadditional'),
            postalCode: shipping.get('postalcode'),
            city: shipping.get('city'),
            countryCode: shipping.get('country'),
            companyName: business ? shipping.get('careof') : undefined,
            firstName: shipping.get('firstname'),
            lastName: shipping.get('lastname'),
          }
        : undefined,
    items,
    trackAndTrace: top.get('trackandtrace'),
  };
}
