import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import {
  OPERATION_CATEGORY,
  TYPE_CODES,
  cii102,
  lastDay,
  localDate,
  documentLines,
  vatCategory,
  type VatCategory,
} from './codes.js';
import type {
  DocumentBuyer,
  DocumentSeller,
  DocumentSource,
  PostalAddress,
} from './document-source.js';
import { legalNotes } from './legal-notes.js';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** The Factur-X / EN 16931 profile (BT-24). */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const date102 = (parent: XMLBuilder, name: string, yyyymmdd: string, prefix = 'udt') =>
  parent.ele(`ram:${name}`).ele(`${prefix}:DateTimeString`, { format: '102' }).txt(yyyymmdd);

function address(parent: XMLBuilder, a: PostalAddress) {
  const el = parent.ele('ram:PostalTradeAddress');
  el.ele('ram:PostcodeCode').txt(a.postcode);
  el.ele('ram:LineOne').txt(a.line1);
  if (a.line2) el.ele('ram:LineTwo').txt(a.line2);
  el.ele('ram:CityName').txt(a.city);
  el.ele('ram:CountryID').txt(a.countryCode);
}

/** BR-O-02: an invoice outside the scope of VAT carries neither party's VAT number. */
function seller(parent: XMLBuilder, s: DocumentSeller, vat: VatCategory) {
  const el = parent.ele('ram:SellerTradeParty');
  el.ele('ram:Name').txt(s.name);
  el.ele('ram:SpecifiedLegalOrganization').ele('ram:ID', { schemeID: '0002' }).txt(s.siren);
  address(el, s.address);
  el.ele('ram:URIUniversalCommunication')
    .ele('ram:URIID', { schemeID: s.electronicAddress.scheme })
    .txt(s.electronicAddress.value);
  if (vat.code !== 'O')
    el.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(s.vatId);
}

function buyer(parent: XMLBuilder, b: DocumentBuyer, vat: VatCategory) {
  const el = parent.ele('ram:BuyerTradeParty');
  el.ele('ram:Name').txt(b.name);
  if (b.siren)
    el.ele('ram:SpecifiedLegalOrganization').ele('ram:ID', { schemeID: '0002' }).txt(b.siren);
  address(el, b.address);
  el.ele('ram:URIUniversalCommunication')
    .ele('ram:URIID', { schemeID: b.electronicAddress.scheme })
    .txt(b.electronicAddress.value);
  if (vat.code !== 'O' && b.vatId)
    el.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(b.vatId);
}

function tradeTax(parent: XMLBuilder, vat: VatCategory) {
  const el = parent.ele('ram:ApplicableTradeTax');
  el.ele('ram:TypeCode').txt('VAT');
  el.ele('ram:CategoryCode').txt(vat.code);
  // BR-O-05: a line outside the scope of VAT has no rate.
  if (vat.code !== 'O') el.ele('ram:RateApplicablePercent').txt(vat.ratePercent);
}

/**
 * The CII XML (Factur-X 1.09, profile EN 16931) of an issued invoice or credit note. The same
 * source always gives the same bytes.
 */
export function ciiXml(source: DocumentSource): string {
  const vat = vatCategory(source);
  const lines = documentLines(source);
  const issueDate = cii102(localDate(source.issuedAt, source.timeZone));

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(
    NS.rsm,
    'rsm:CrossIndustryInvoice',
    {
      'xmlns:qdt': NS.qdt,
      'xmlns:ram': NS.ram,
      'xmlns:udt': NS.udt,
    },
  );
  const context = root.ele('rsm:ExchangedDocumentContext');
  context
    .ele('ram:BusinessProcessSpecifiedDocumentContextParameter')
    .ele('ram:ID')
    .txt(OPERATION_CATEGORY);
  context
    .ele('ram:GuidelineSpecifiedDocumentContextParameter')
    .ele('ram:ID')
    .txt(EN16931_GUIDELINE);

  const header = root.ele('rsm:ExchangedDocument');
  header.ele('ram:ID').txt(source.number);
  header.ele('ram:TypeCode').txt(TYPE_CODES[source.type]);
  date102(header, 'IssueDateTime', issueDate);
  for (const note of legalNotes(source)) {
    const el = header.ele('ram:IncludedNote');
    el.ele('ram:Content').txt(note.content);
    el.ele('ram:SubjectCode').txt(note.subjectCode);
  }

  const transaction = root.ele('rsm:SupplyChainTradeTransaction');
  lines.forEach((line, i) => {
    const item = transaction.ele('ram:IncludedSupplyChainTradeLineItem');
    item
      .ele('ram:AssociatedDocumentLineDocument')
      .ele('ram:LineID')
      .txt(String(i + 1));
    const product = item.ele('ram:SpecifiedTradeProduct');
    product.ele('ram:SellerAssignedID').txt(line.source.kind);
    product.ele('ram:Name').txt(line.source.description);
    item
      .ele('ram:SpecifiedLineTradeAgreement')
      .ele('ram:NetPriceProductTradePrice')
      .ele('ram:ChargeAmount')
      .txt(line.netPrice);
    item
      .ele('ram:SpecifiedLineTradeDelivery')
      .ele('ram:BilledQuantity', { unitCode: line.unitCode })
      .txt(line.quantity);
    const settlement = item.ele('ram:SpecifiedLineTradeSettlement');
    tradeTax(settlement, vat);
    const period = settlement.ele('ram:BillingSpecifiedPeriod');
    date102(
      period,
      'StartDateTime',
      cii102(localDate(line.source.segmentStart, source.billingTimeZone)),
    );
    date102(period, 'EndDateTime', cii102(lastDay(line.source.segmentEnd, source.billingTimeZone)));
    settlement
      .ele('ram:SpecifiedTradeSettlementLineMonetarySummation')
      .ele('ram:LineTotalAmount')
      .txt(line.amount);
  });

  const agreement = transaction.ele('ram:ApplicableHeaderTradeAgreement');
  agreement.ele('ram:BuyerReference').txt(source.contractId);
  seller(agreement, source.seller, vat);
  buyer(agreement, source.buyer, vat);
  agreement
    .ele('ram:ContractReferencedDocument')
    .ele('ram:IssuerAssignedID')
    .txt(source.contractId);

  // BT-72: the services are supplied over the period; its last day stands as the date of supply.
  date102(
    transaction.ele('ram:ApplicableHeaderTradeDelivery').ele('ram:ActualDeliverySupplyChainEvent'),
    'OccurrenceDateTime',
    cii102(lastDay(source.periodEnd, source.billingTimeZone)),
  );

  const settlement = transaction.ele('ram:ApplicableHeaderTradeSettlement');
  settlement.ele('ram:PaymentReference').txt(source.number);
  settlement.ele('ram:InvoiceCurrencyCode').txt(source.currency);
  const means = settlement.ele('ram:SpecifiedTradeSettlementPaymentMeans');
  means.ele('ram:TypeCode').txt('58');
  means.ele('ram:PayeePartyCreditorFinancialAccount').ele('ram:IBANID').txt(source.seller.iban);
  if (source.seller.bic)
    means
      .ele('ram:PayeeSpecifiedCreditorFinancialInstitution')
      .ele('ram:BICID')
      .txt(source.seller.bic);

  const tax = settlement.ele('ram:ApplicableTradeTax');
  tax.ele('ram:CalculatedAmount').txt(source.taxAmount);
  tax.ele('ram:TypeCode').txt('VAT');
  if (vat.exemptionReason) tax.ele('ram:ExemptionReason').txt(vat.exemptionReason);
  tax.ele('ram:BasisAmount').txt(source.subtotal);
  tax.ele('ram:CategoryCode').txt(vat.code);
  if (vat.exemptionReasonCode) tax.ele('ram:ExemptionReasonCode').txt(vat.exemptionReasonCode);
  // BT-8: 5 = VAT due on the invoice's issue (option for debits), 72 = on payment (services' default).
  if (vat.code === 'S') tax.ele('ram:DueDateTypeCode').txt(source.seller.vatOnDebits ? '5' : '72');
  if (vat.code !== 'O') tax.ele('ram:RateApplicablePercent').txt(vat.ratePercent);

  const period = settlement.ele('ram:BillingSpecifiedPeriod');
  date102(period, 'StartDateTime', cii102(localDate(source.periodStart, source.billingTimeZone)));
  date102(period, 'EndDateTime', cii102(lastDay(source.periodEnd, source.billingTimeZone)));

  const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
  if (source.dueAt !== null) {
    const due = localDate(source.dueAt, source.timeZone);
    terms
      .ele('ram:Description')
      .txt(`Paiement par virement au plus tard le ${due.toFormat('dd/MM/yyyy')}`);
    date102(terms, 'DueDateDateTime', cii102(due));
  } else {
    terms
      .ele('ram:Description')
      .txt(
        `Avoir imputé sur la facture ${source.correctedInvoice?.number ?? ''} (credited against the invoice)`,
      );
  }

  const sums = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  sums.ele('ram:LineTotalAmount').txt(source.subtotal);
  sums.ele('ram:TaxBasisTotalAmount').txt(source.subtotal);
  sums.ele('ram:TaxTotalAmount', { currencyID: source.currency }).txt(source.taxAmount);
  sums.ele('ram:GrandTotalAmount').txt(source.total);
  sums.ele('ram:DuePayableAmount').txt(source.total);

  if (source.correctedInvoice) {
    const ref = settlement.ele('ram:InvoiceReferencedDocument');
    ref.ele('ram:IssuerAssignedID').txt(source.correctedInvoice.number);
    date102(
      ref,
      'FormattedIssueDateTime',
      cii102(localDate(source.correctedInvoice.issuedAt, source.timeZone)),
      'qdt',
    );
  }
  return root.end({ prettyPrint: true });
}
