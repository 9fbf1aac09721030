import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a page: its name (also the document title) and its main actions. */
export function PageHeader({
  title,
  extra,
  description,
}: {
  title: string;
  extra?: ReactNode;
  description?: ReactNode;
}) {
  return (
    <>
      <title>{`${title} - 网签平台`}</title>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
        </div>
        {extra ? <Flex gap={8}>{extra}</Flex> : null}
      </Flex>
    </>
  );
}
