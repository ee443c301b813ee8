import { ValidationError } from '../../errors/index.js'

// What `#xml-codec` gives a build made with the `iletimerkezi-json-only` condition (package.json
// `imports`): no XML codec at all, so a JSON-only bundle that cannot split chunks (a Cloudflare
// Worker) does not carry fast-xml-parser. A client made with format 'xml' there fails its calls
// with this error, and nothing is sent.
throw new ValidationError([
  {
    path: 'format',
    message: "this build leaves XML out (it was bundled with the iletimerkezi-json-only condition): use format 'json', or bundle without that condition",
  },
])
