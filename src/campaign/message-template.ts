/** A text with `{column}` placeholders, read once and filled in for each row. */
export interface MessageTemplate {
  /** The columns it names, in order of first use. */
  columns: string[]
  /** The text for one row; every named column must be in it. */
  fill(row: Readonly<Record<string, string>>): string
}

// `{name}`: a column's value; `{{` and `}}` write a brace.
const token = /\{\{|\}\}|\{([^{}]+)\}/g

/** Reads a template. A lone `{` or `}` is written as it is. */
export function readTemplate(template: string): MessageTemplate {
  const literals: string[] = []
  const names: string[] = []
  let last = 0
  let literal = ''
  for (const match of template.matchAll(token)) {
    literal += template.slice(last, match.index)
    last = match.index + match[0].length
    if (match[1] === undefined) {
      literal += match[0][0]
      continue
    }
    literals.push(literal)
    names.push(match[1].trim())
    literal = ''
  }
  literals.push(literal + template.slice(last))
  return {
    columns: [...new Set(names)],
    fill(row) {
      let text = literals[0]!
      for (let index = 0; index < names.length; index++) text += row[names[index]!]! + literals[index + 1]!
      return text
    },
  }
}
