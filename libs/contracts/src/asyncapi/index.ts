// The AsyncAPI document of the contracts (dev tooling, not part of the library's index).
export {
  ASYNCAPI_DOCUMENT_PATH,
  buildAsyncApiDocument,
  renderAsyncApiYaml,
  type AsyncApiOptions,
} from './asyncapi-document';
