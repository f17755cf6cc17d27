// The API definition (OpenAPI 3.0, OGC API – Features Part 1 §7.3 and the `oas30` class),
// built from the collection registry: every path, parameter and filter listed here is served,
// and nothing else is. One items path per collection, because each has its own filters and
// feature schema (GDAL reads the `limit` bounds from these paths).
import type { OgcCollection } from './collection.ts'
import { API_DESCRIPTION, API_TITLE } from './metadata.ts'
import { MEDIA } from './media.ts'
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.ts'

const ref = (kind: 'parameters' | 'schemas' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
})

const jsonContent = (type: string, schema: object) => ({ content: { [type]: { schema } } })

const ERRORS = {
  '400': ref('responses', 'BadRequest'),
  '500': ref('responses', 'ServerError'),
}

function simpleGet(summary: string, operationId: string, type: string, schema: object) {
  return {
    get: {
      summary,
      operationId,
      parameters: [ref('parameters', 'f')],
      responses: { '200': { description: summary, ...jsonContent(type, schema) }, ...ERRORS },
    },
  }
}

function filterParameter(f: OgcCollection['filters'][number]) {
  const schema = f.values
    ? f.multiple
      ? { type: 'array', items: { type: 'string', enum: [...f.values] } }
      : { type: 'string', enum: [...f.values] }
    : { type: 'string', maxLength: 100 }
  return {
    name: f.name,
    in: 'query',
    required: false,
    description: f.description,
    style: 'form',
    explode: false,
    schema,
  }
}

function collectionPaths(c: OgcCollection) {
  const feature = ref('schemas', `Feature-${c.id}`)
  const datetime = c.time === 'weeks' ? 'datetimeWeeks' : 'datetime'
  return {
    [`/collections/${c.id}/items`]: {
      get: {
        summary: `${c.title}: items`,
        description: c.description,
        operationId: `getItems-${c.id}`,
        tags: [c.id],
        parameters: [
          ref('parameters', 'limit'),
          ref('parameters', 'bbox'),
          ref('parameters', datetime),
          ref('parameters', 'cursor'),
          ref('parameters', 'f'),
          ...c.filters.map(filterParameter),
        ],
        responses: {
          '200': {
            description: 'A page of features, with next and prev links',
            ...jsonContent(MEDIA.geojson, {
              allOf: [
                ref('schemas', 'FeatureCollection'),
                { type: 'object', properties: { features: { type: 'array', items: feature } } },
              ],
            }),
          },
          ...ERRORS,
        },
      },
    },
    [`/collections/${c.id}/items/{featureId}`]: {
      get: {
        summary: `${c.title}: one item`,
        operationId: `getItem-${c.id}`,
        tags: [c.id],
        parameters: [ref('parameters', 'featureId'), ref('parameters', 'f')],
        responses: {
          '200': { description: 'The feature', ...jsonContent(MEDIA.geojson, feature) },
          '404': ref('responses', 'NotFound'),
          ...ERRORS,
        },
      },
    },
  }
}

function featureSchema(c: OgcCollection) {
  return {
    type: 'object',
    required: ['type', 'id', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string' },
      geometry: {
        type: 'object',
        required: ['type', 'coordinates'],
        properties: {
          type: { type: 'string', enum: [c.geometryType].flat() },
          coordinates: { type: 'array', items: {} },
        },
      },
      properties: { type: 'object', properties: c.properties },
      links: { type: 'array', items: ref('schemas', 'Link') },
    },
  }
}

const COMMON_PARAMETERS = {
  f: {
    name: 'f',
    in: 'query',
    required: false,
    description: 'The encoding of the answer: json is the only one served',
    schema: { type: 'string', enum: ['json'] },
  },
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Features per page; above ${MAX_LIMIT} it is read as ${MAX_LIMIT}`,
    style: 'form',
    explode: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
  bbox: {
    name: 'bbox',
    in: 'query',
    required: false,
    description:
      'minLon,minLat,maxLon,maxLat (or the 6-number 3D form) in CRS84; minLon > maxLon ' +
      'crosses the antimeridian. Features whose bounding box meets it are returned',
    style: 'form',
    explode: false,
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
  },
  datetime: {
    name: 'datetime',
    in: 'query',
    required: false,
    description:
      'An RFC 3339 date-time or date, or an interval start/end (.. for an open end), on the ' +
      'last change (updatedAt). A date stands for its whole UTC day. Collections without ' +
      'time (areas) match every value',
    style: 'form',
    explode: false,
    schema: { type: 'string' },
  },
  datetimeWeeks: {
    name: 'datetime',
    in: 'query',
    required: false,
    description:
      'Whole ISO weeks of observation: an ISO week (2026-W14), a date or RFC 3339 date-time ' +
      '(widened to its week), or an interval of them (.. for an open end)',
    style: 'form',
    explode: false,
    schema: { type: 'string' },
  },
  cursor: {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'Opaque: taken from the next and prev links of a previous page',
    schema: { type: 'string', maxLength: 100 },
  },
  collectionId: {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string' },
  },
  featureId: {
    name: 'featureId',
    in: 'path',
    required: true,
    schema: { type: 'string' },
  },
}

const LINK = {
  type: 'object',
  required: ['href', 'rel'],
  properties: {
    href: { type: 'string' },
    rel: { type: 'string' },
    type: { type: 'string' },
    title: { type: 'string' },
  },
}

const COLLECTION = {
  type: 'object',
  required: ['id', 'links'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    keywords: { type: 'array', items: { type: 'string' } },
    attribution: { type: 'string' },
    itemType: { type: 'string' },
    crs: { type: 'array', items: { type: 'string' } },
    extent: {
      type: 'object',
      properties: {
        spatial: {
          type: 'object',
          properties: {
            bbox: {
              type: 'array',
              items: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
            },
            crs: { type: 'string' },
          },
        },
        temporal: {
          type: 'object',
          properties: {
            interval: {
              type: 'array',
              items: {
                type: 'array',
                minItems: 2,
                maxItems: 2,
                items: { type: 'string', format: 'date-time', nullable: true },
              },
            },
            trs: { type: 'string' },
          },
        },
      },
    },
    links: { type: 'array', items: ref('schemas', 'Link') },
  },
}

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
}

const errorResponse = (description: string) => ({
  description,
  ...jsonContent(MEDIA.json, ref('schemas', 'Error')),
})

export function openApiDocument(root: string, collections: readonly OgcCollection[]) {
  return {
    openapi: '3.0.3',
    info: {
      title: API_TITLE,
      description: API_DESCRIPTION,
      version: '1.0.0',
      license: { name: 'ODbL 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
    },
    servers: [{ url: root }],
    tags: collections.map((c) => ({ name: c.id, description: c.title })),
    paths: {
      '/': simpleGet('Landing page', 'getLandingPage', MEDIA.json, ref('schemas', 'LandingPage')),
      '/conformance': simpleGet(
        'Conformance classes implemented',
        'getConformance',
        MEDIA.json,
        ref('schemas', 'ConfClasses'),
      ),
      '/api': simpleGet('This API definition', 'getApi', MEDIA.openapi, { type: 'object' }),
      '/collections': simpleGet(
        'The collections',
        'getCollections',
        MEDIA.json,
        ref('schemas', 'Collections'),
      ),
      '/collections/{collectionId}': {
        get: {
          summary: 'One collection',
          operationId: 'getCollection',
          parameters: [
            {
              ...COMMON_PARAMETERS.collectionId,
              schema: { type: 'string', enum: collections.map((c) => c.id) },
            },
            ref('parameters', 'f'),
          ],
          responses: {
            '200': {
              description: 'The collection',
              ...jsonContent(MEDIA.json, ref('schemas', 'Collection')),
            },
            '404': ref('responses', 'NotFound'),
            ...ERRORS,
          },
        },
      },
      ...Object.assign({}, ...collections.map(collectionPaths)),
    },
    components: {
      parameters: COMMON_PARAMETERS,
      responses: {
        BadRequest: errorResponse('A parameter is invalid or unknown: details name it'),
        NotFound: errorResponse('No such collection or feature'),
        ServerError: errorResponse('A server error'),
      },
      schemas: {
        Link: LINK,
        Error: ERROR,
        LandingPage: {
          type: 'object',
          required: ['links'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            links: { type: 'array', items: ref('schemas', 'Link') },
          },
        },
        ConfClasses: {
          type: 'object',
          required: ['conformsTo'],
          properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
        },
        Collection: COLLECTION,
        Collections: {
          type: 'object',
          required: ['links', 'collections'],
          properties: {
            links: { type: 'array', items: ref('schemas', 'Link') },
            collections: { type: 'array', items: ref('schemas', 'Collection') },
          },
        },
        FeatureCollection: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: { type: 'object' } },
            links: { type: 'array', items: ref('schemas', 'Link') },
            timeStamp: { type: 'string', format: 'date-time' },
            numberMatched: { type: 'integer', minimum: 0 },
            numberReturned: { type: 'integer', minimum: 0 },
          },
        },
        ...Object.fromEntries(collections.map((c) => [`Feature-${c.id}`, featureSchema(c)])),
      },
    },
  }
}
