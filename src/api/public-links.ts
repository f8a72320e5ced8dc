/** Base of the links the server hands out (PDFs, checkout pages): PUBLIC_URL or the listen address. */
export interface PublicLinks {
  baseUrl: string;
}
