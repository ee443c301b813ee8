// A TypeDoc plugin: each guide is named on the site by its own first heading ("Contract testing"),
// not by its path ("docs/contract-testing"), so the guides need no front matter (which GitHub shows as a table).
import { Converter } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const text = document.content.map((part) => part.text).join('')
    const heading = /^#[ \t]+(.+?)[ \t]*$/m.exec(text)
    if (heading && document.frontmatter.title === undefined) document.name = heading[1].replace(/`/g, '')
  })
}
