/**
 * A collection's features as a GML 3.2 application schema (XSD): the same properties and types as
 * its queryables. It is what GDAL's OGCAPI driver reads (the collection's or tileset list's link
 * rel="describedBy", type text/xml) to give the layers it makes of vector tiles their fields before
 * reading any tile; without it GDAL 3.6 lists the layers with no fields.
 */
import type { Collection, PropertyType } from './collections.js';
import { escapeHtml } from './html.js';

export const XSD_MEDIA_TYPE = 'text/xml';

/** The link to a collection's schema; GDAL 3.6 matches the relation "describedBy" exactly, as written. */
export const xsdLink = (base: string, collectionId: string) => ({
  href: `${base}/collections/${collectionId}/schema.xsd`, rel: 'describedBy', type: XSD_MEDIA_TYPE, title: 'The features\' GML application schema',
});
const NAMESPACE = 'https://povmap.example/ogc';

const XS_TYPE: Record<PropertyType, string> = { string: 'xs:string', number: 'xs:double', integer: 'xs:long', boolean: 'xs:boolean' };

const GEOMETRY_TYPE: Record<Collection['geometry'], string> = { MultiPolygon: 'gml:MultiSurfacePropertyType', Point: 'gml:PointPropertyType' };

/** The element and type names of a collection (XML names: no leading digit, no spaces; ids are [a-z-]). */
const featureName = (c: Collection) => c.id.replace(/-/g, '_');

export function collectionXsd(c: Collection): string {
  const name = featureName(c);
  const elements = [
    `          <xs:element name="geometry" type="${GEOMETRY_TYPE[c.geometry]}" minOccurs="0" maxOccurs="1"/>`,
    ...c.properties.map((p) => `          <xs:element name="${escapeHtml(p.name)}" type="${XS_TYPE[p.type]}" nillable="true" minOccurs="0" maxOccurs="1"/>`),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:povmap="${NAMESPACE}"`,
    `    targetNamespace="${NAMESPACE}" elementFormDefault="qualified" version="1.0">`,
    `  <xs:annotation><xs:documentation>${escapeHtml(c.title)}: ${escapeHtml(c.description)}</xs:documentation></xs:annotation>`,
    '  <xs:import namespace="http://www.opengis.net/gml/3.2" schemaLocation="http://schemas.opengis.net/gml/3.2.1/gml.xsd"/>',
    `  <xs:element name="${name}" type="povmap:${name}Type" substitutionGroup="gml:AbstractFeature"/>`,
    `  <xs:complexType name="${name}Type">`,
    '    <xs:complexContent>',
    '      <xs:extension base="gml:AbstractFeatureType">',
    '        <xs:sequence>',
    ...elements,
    '        </xs:sequence>',
    '      </xs:extension>',
    '    </xs:complexContent>',
    '  </xs:complexType>',
    '</xs:schema>',
    '',
  ].join('\n');
}
