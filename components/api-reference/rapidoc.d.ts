/** RapiDoc ships a prebuilt bundle without types: importing it registers the <rapi-doc> element. */
declare module 'rapidoc';
