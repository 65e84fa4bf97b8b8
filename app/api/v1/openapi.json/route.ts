import { publicApiRoute } from '@/lib/http/handler';
import { openApiDocument } from '@/lib/openapi/document';

/** The OpenAPI 3.1 document of this API, public so client generators can read it without a token. */
export const GET = publicApiRoute(async () => Response.json(openApiDocument()));
