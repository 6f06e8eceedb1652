import { Fragment, type ReactNode } from 'react';
import { Empty } from './feedback';

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** A figure: right-aligned, in the header too. */
  numeric?: boolean;
  /** More classes of the cells (`strong`, `mono`, `small`). */
  className?: string;
};

const classOf = (numeric: boolean | undefined, more?: string) =>
  [numeric ? 'num' : '', more ?? ''].filter(Boolean).join(' ') || undefined;

/**
 * A table of rows: the first column heads its row (a screen reader names the row by it). A row
 * may open a detail beneath it; `footer` rows (a total) come after the data.
 */
export const DataTable = <Row,>({
  columns,
  rows,
  rowKey,
  empty,
  caption,
  className,
  detail,
  footer,
}: {
  columns: Column<Row>[];
  rows: Row[];
  /** Default: the row's id. */
  rowKey?: (row: Row) => string | number;
  /** Said instead of an empty table. */
  empty?: ReactNode;
  caption?: ReactNode;
  className?: string;
  detail?: (row: Row) => ReactNode;
  footer?: ReactNode;
}) => {
  if (rows.length === 0 && empty !== undefined) return <Empty>{empty}</Empty>;
  return (
    <table className={className}>
      {caption ? <caption className="muted small">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={classOf(column.numeric)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const opened = detail?.(row);
          return (
            <Fragment key={rowKey ? rowKey(row) : ((row as { id?: string }).id ?? index)}>
              <tr>
                {columns.map((column, index) =>
                  index === 0 ? (
                    <th
                      key={index}
                      scope="row"
                      className={classOf(column.numeric, column.className)}
                    >
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={index} className={classOf(column.numeric, column.className)}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
              {opened ? (
                <tr className="detail">
                  <td colSpan={columns.length}>{opened}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
        {footer}
      </tbody>
    </table>
  );
};
