import type { Person, Topic } from '#src/db/types.ts';
import { pick } from '#src/web/clinic.ts';
import type { ViewContext } from '#src/web/context.ts';
import { localePath } from '#src/web/i18n/index.ts';
import { clinicName, isWebLink } from '#src/web/clinic.ts';

/** schema.org data for search engines; built from the same values the page shows. */

export interface Crumb {
  name: string;
  path: string;
}

export function clinicLd(ctx: ViewContext): object {
  const c = ctx.clinic;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalClinic',
    '@id': `${ctx.baseUrl}/#clinic`,
    name: clinicName(c, ctx.lang),
    ...(c.nameUr ? { alternateName: ctx.lang === 'ur' ? c.name : c.nameUr } : {}),
    description: pick(c.tagline, ctx.lang),
    url: ctx.baseUrl + localePath(ctx.lang, '/'),
    telephone: c.phone,
    email: c.email,
    sameAs: Object.values(c.social).filter(isWebLink),
    address: c.locations.map((l) => ({ '@type': 'PostalAddress', name: pick(l.name, ctx.lang), streetAddress: pick(l.address, ctx.lang) })),
  };
}

export function breadcrumbLd(ctx: ViewContext, crumbs: Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: ctx.baseUrl + c.path })),
  };
}

export function personLd(ctx: ViewContext, person: Person, path: string): object {
  const physician = person.registration !== null || /\b(MBBS|MD|FCPS|MRCP|DM)\b/.test(person.credentials);
  return {
    '@context': 'https://schema.org',
    '@type': physician ? 'Physician' : 'Person',
    name: person.name,
    url: ctx.baseUrl + path,
    ...(physician ? { medicalSpecialty: person.specialty } : { jobTitle: person.specialty }),
    description: person.credentials,
    ...(person.registration ? { identifier: person.registration } : {}),
  };
}

export function reviewerRef(ctx: ViewContext, person: Person, path: string): object {
  return { '@type': 'Person', name: person.name, url: ctx.baseUrl + path, description: person.credentials };
}

export function conditionLd(ctx: ViewContext, topic: Topic, path: string): object {
  const names = JSON.parse(topic.also_known_as) as string[];
  return {
    '@context': 'https://schema.org',
    '@type': topic.kind === 'condition' ? 'MedicalCondition' : 'MedicalTherapy',
    name: topic.title,
    description: topic.summary,
    url: ctx.baseUrl + path,
    ...(names.length ? { alternateName: names } : {}),
  };
}
